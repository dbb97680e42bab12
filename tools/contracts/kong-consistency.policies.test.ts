// Proves the Kong gate catches a route whose jwt plugin, upstream or rate limit disagrees with
// the contract's operation, each on a mutated copy of the generated kong.yml.
import { gateOn, route, service, useKongGateSuite } from './kong-consistency.test-support';

describe('Kong gate policy checks', () => {
  useKongGateSuite();

  it('fails when a preflight route carries the jwt plugin', async () => {
    const outcome = await gateOn((c) => {
      const jwt = route(c, 'cart', 'cart_getcart').plugins[0];
      route(c, 'cart', 'cart_api-v1-cart_preflight').plugins = [{ ...jwt, id: undefined }];
    });
    expect(outcome.lines).toContain(
      'preflight route cart_api-v1-cart_preflight has the jwt plugin',
    );
  });

  it('fails when a secured operation’s route lacks the jwt plugin', async () => {
    const outcome = await gateOn((c) => (route(c, 'orders', 'orders_getorder').plugins = []));
    expect(outcome.lines).toContain(
      'operation orders.getOrder (GET /api/v1/orders/{orderId}): route orders_getorder lacks the jwt plugin of a secured operation',
    );
  });

  it('fails when a public operation’s route has the jwt plugin', async () => {
    const outcome = await gateOn((c) => {
      const jwt = route(c, 'catalog', 'catalog_createproduct').plugins[0];
      route(c, 'catalog', 'catalog_listproducts').plugins = [{ ...jwt, id: undefined }];
    });
    expect(outcome.lines).toContain(
      'operation catalog.listProducts (GET /api/v1/products): route catalog_listproducts has the jwt plugin but the operation is public',
    );
  });

  it('fails when a service proxies somewhere other than the contract’s server', async () => {
    const outcome = await gateOn((c) => (service(c, 'webhooks').port = 3999));
    expect(outcome.lines).toContain(
      "operation webhooks.listWebhookSubscriptions (GET /api/v1/webhooks/subscriptions): route webhooks_listwebhooksubscriptions proxies to http://127.0.0.1:3999/ but the contract's servers[0] is http://127.0.0.1:3007/",
    );
  });

  it('fails when a route’s rate limit differs from the contract’s', async () => {
    const outcome = await gateOn(
      (c) => (route(c, 'identity', 'identity_login').plugins[0].config.minute = 50),
    );
    expect(outcome.lines).toContain(
      'operation identity.login (POST /api/v1/auth/login): route identity_login rate-limiting minute=50 (contract: 10)',
    );
  });
});
