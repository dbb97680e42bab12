/**
 * The cart when the catalog fails, through the real service and a catalog on a real port: an
 * unanswered or cut request is retried, then answered 503 CART_ERR_CATALOG_UNAVAILABLE with
 * Retry-After and nothing changed; repeated failures open the circuit, which then answers at once
 * without calling the catalog, and closes again once the catalog is back. Unknown products are
 * answers, not failures: they never open the circuit. The steps share one circuit, in order.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '@bazaar/platform/testing/index';
import { product, startCatalogStandIn, type CatalogStandIn } from './support/catalog-stand-in';
import { startCartForTest, type CartTestService } from './support/cart-test-service';
import { call } from './support/http';

let catalog: CatalogStandIn;
let cart: CartTestService;
let token: string;

beforeAll(async () => {
  catalog = await startCatalogStandIn();
  cart = await startCartForTest('cart-catalog-outage', {
    catalogUrl: catalog.url,
    env: {
      // Generous enough that a loaded test machine never times out a catalog that does answer.
      CART_CATALOG_TIMEOUT_MS: '1000',
      CART_CATALOG_DEADLINE_MS: '10000',
      CART_CATALOG_ATTEMPTS: '3',
      CART_CATALOG_RETRY_BASE_DELAY_MS: '10',
      CART_CATALOG_RETRY_MAX_DELAY_MS: '50',
      CART_CATALOG_BREAKER_THRESHOLD: '4',
      CART_CATALOG_BREAKER_HALF_OPEN_AFTER_MS: '2000',
      CART_CATALOG_RETRY_AFTER_SECONDS: '7',
    },
  });
  token = await cart.tokenFor(randomUUID());
}, 60_000);

afterAll(async () => {
  await cart?.stop();
  await catalog?.stop();
});

const add = (productId: string) =>
  call(cart.url, 'POST', '/api/v1/cart/items', { token, body: { productId, quantity: 1 } });
const requestsFor = (productId: string) =>
  catalog.requests.filter((r) => r.path === `/api/v1/products/${productId}`).length;

describe('when the catalog fails', () => {
  it('does not count unknown products as catalog failures', async () => {
    for (let n = 0; n < 6; n++) expect((await add(randomUUID())).status).toBe(422);
    expect(cart.catalog.breaker.state).toBe('closed');
  });

  it('counts an unknown product as the catalog answering, which ends a run of failures', async () => {
    catalog.setOutage('cut');
    expect((await add(catalog.put(product({ id: randomUUID() })).id)).status).toBe(503);
    catalog.setOutage('none');
    expect((await add(randomUUID())).status).toBe(422);
    // Three more failures would open a circuit still counting the first three (threshold 4).
    catalog.setOutage('cut');
    expect((await add(catalog.put(product({ id: randomUUID() })).id)).status).toBe(503);
    expect(cart.catalog.breaker.state).toBe('closed');
    catalog.setOutage('none');
    expect((await add(randomUUID())).status).toBe(422);
  });

  it('retries a catalog that does not answer, then answers 503 with Retry-After and changes nothing', async () => {
    const mug = catalog.put(product({ id: randomUUID() }));
    catalog.setOutage('silent');
    const response = await add(mug.id);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.body).toMatchObject({
      type: 'https://docs.bazaar.dev/problems/cart-catalog-unavailable',
      status: 503,
      code: 'CART_ERR_CATALOG_UNAVAILABLE',
    });
    expect(requestsFor(mug.id)).toBe(3);
    expect(cart.catalog.breaker.state).toBe('closed');
    expect((await call(cart.url, 'GET', '/api/v1/cart', { token })).body.items).toEqual([]);
  });

  it('opens the circuit after repeated failures and tells the caller when to come back', async () => {
    const mug = catalog.put(product({ id: randomUUID() }));
    catalog.setOutage('cut');
    const response = await add(mug.id);
    expect(response.status).toBe(503);
    expect(cart.catalog.breaker.state).toBe('open');
    // The circuit half-opens 2 s after it opened: Retry-After says so, in whole seconds.
    expect(['1', '2']).toContain(response.headers.get('retry-after'));
  });

  it('answers at once while the circuit is open, without calling the catalog', async () => {
    const mug = catalog.put(product({ id: randomUUID() }));
    const response = await add(mug.id);
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('CART_ERR_CATALOG_UNAVAILABLE');
    expect(requestsFor(mug.id)).toBe(0);
  });

  it('still shows the cart while the catalog is down', async () => {
    const response = await call(cart.url, 'GET', '/api/v1/cart', { token });
    expect(response.status).toBe(200);
  });

  it('adds again once the catalog is back and the circuit lets a trial call through', async () => {
    const mug = catalog.put(product({ id: randomUUID() }));
    catalog.setOutage('none');
    const added = await waitFor(
      async () => {
        const response = await add(mug.id);
        return response.status === 200 ? response : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 250, description: 'an add to succeed after the outage' },
    );
    expect(added.body.items.map((l: { productId: string }) => l.productId)).toEqual([mug.id]);
    expect(cart.catalog.breaker.state).toBe('closed');
  });
});
