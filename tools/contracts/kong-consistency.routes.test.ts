// Proves the Kong gate's router simulation catches operations without exactly one route of their
// method, routes without an operation, missing or stray CORS preflight routes, and reachable
// internal operations, each on a mutated copy of the generated kong.yml.
import {
  type Config,
  gateOn,
  newRoute,
  route,
  service,
  useKongGateSuite,
} from './kong-consistency.test-support';

describe('Kong gate routing checks', () => {
  useKongGateSuite();

  it('fails when a public operation has no route', async () => {
    const outcome = await gateOn((c) => {
      service(c, 'catalog').routes = service(c, 'catalog').routes.filter(
        (r: Config) => r.name !== 'catalog_getproduct',
      );
    });
    expect(outcome.lines).toContain(
      'operation catalog.getProduct (GET /api/v1/products/{productId}) has no route',
    );
  });

  it('fails when two routes reach the same operation', async () => {
    const outcome = await gateOn((c) => {
      const copy = structuredClone(route(c, 'cart', 'cart_getcart'));
      copy.name = 'cart_getcart_again';
      delete copy.id;
      for (const plugin of copy.plugins) delete plugin.id;
      service(c, 'cart').routes.push(copy);
    });
    expect(outcome.lines).toContain(
      'operation cart.getCart (GET /api/v1/cart) is matched by 2 routes: cart_getcart, cart_getcart_again',
    );
  });

  it('fails when a route accepts more than its operation’s method', async () => {
    const outcome = await gateOn(
      (c) => (route(c, 'pricing', 'pricing_listflashsales').methods = ['GET', 'HEAD']),
    );
    expect(outcome.lines).toContain(
      'operation pricing.listFlashSales (GET /api/v1/flash-sales): route pricing_listflashsales has methods [GET, HEAD], expected exactly [GET]',
    );
  });

  it('fails when a non-contract route catches a contract operation', async () => {
    const outcome = await gateOn((c) => {
      const docs = route(c, 'docs-portal', 'docs-portal');
      docs.paths = ['/api/v1/products'];
    });
    expect(outcome.lines).toContain(
      'non-contract route docs-portal catches catalog.listProducts (GET /api/v1/products)',
    );
  });

  it('fails on a route that maps to no contract operation', async () => {
    const outcome = await gateOn((c) =>
      service(c, 'catalog').routes.push(newRoute('catalog_ghost', ['GET'], '~/api/v1/ghosts$')),
    );
    expect(outcome.lines).toContain('route catalog_ghost maps to no contract operation');
  });

  it('fails on a preflight route for a path no contract has', async () => {
    const outcome = await gateOn((c) =>
      service(c, 'catalog').routes.push(
        newRoute('catalog_ghost_preflight', ['OPTIONS'], '~/api/v1/ghosts$'),
      ),
    );
    expect(outcome.lines).toContain(
      'preflight route catalog_ghost_preflight matches no public path of the contracts',
    );
  });

  it('fails when a public path has no preflight route, since browsers would get 404', async () => {
    const outcome = await gateOn((c) => {
      service(c, 'cart').routes = service(c, 'cart').routes.filter(
        (r: Config) => r.name !== 'cart_api-v1-cart_preflight',
      );
    });
    expect(outcome.lines).toContain(
      'CORS preflight (OPTIONS /api/v1/cart) matches no route: browsers would get 404',
    );
  });

  it('fails when an internal operation is reachable', async () => {
    const outcome = await gateOn((c) =>
      service(c, 'payment').routes.push(
        newRoute('payment_createpayment', ['POST'], '~/api/v1/payments$'),
      ),
    );
    expect(outcome.lines).toContain(
      'internal operation payment.createPayment (POST /api/v1/payments) is reachable through route payment_createpayment',
    );
  });
});
