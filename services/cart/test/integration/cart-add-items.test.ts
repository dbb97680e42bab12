/**
 * addCartItem through the real cart service (PostgreSQL, RabbitMQ, the catalog on a real port):
 * prices, names and stock come from the catalog, an existing line grows instead of doubling, the
 * limits and the one-currency rule answer their CART_ERR_* problems, and every add writes
 * `cart.item_added` to the outbox with the request's correlation id.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '@bazaar/platform/testing/index';
import { outboxEvents } from '../support/cart-fixtures';
import {
  product,
  startCatalogStandIn,
  type CatalogStandIn,
  type Product,
} from './support/catalog-stand-in';
import { startCartForTest, type CartTestService } from './support/cart-test-service';
import { call } from './support/http';

let catalog: CatalogStandIn;
let cart: CartTestService;

beforeAll(async () => {
  catalog = await startCatalogStandIn();
  cart = await startCartForTest('cart-add-items', { catalogUrl: catalog.url });
}, 60_000);

afterAll(async () => {
  await cart?.stop();
  await catalog?.stop();
});

async function signedIn() {
  const userId = randomUUID();
  const token = await cart.tokenFor(userId);
  return {
    userId,
    add: (productId: string, quantity: number, headers: Record<string, string> = {}) =>
      call(cart.url, 'POST', '/api/v1/cart/items', {
        token,
        body: { productId, quantity },
        headers,
      }),
    get: () => call(cart.url, 'GET', '/api/v1/cart', { token }),
  };
}

const newProduct = (overrides: Partial<Product> = {}) =>
  catalog.put(product({ id: randomUUID(), ...overrides }));

describe('adding a product to the cart', () => {
  it('answers the cart with the line priced, named and stocked as the catalog says', async () => {
    const user = await signedIn();
    const mug = newProduct({ sku: 'MUG-BLUE-01', name: 'Blue ceramic mug', inStock: true });
    const response = await user.add(mug.id, 2);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [
        {
          productId: mug.id,
          sku: 'MUG-BLUE-01',
          name: 'Blue ceramic mug',
          unitPrice: { amount: 1299, currency: 'USD' },
          quantity: 2,
          lineTotal: { amount: 2598, currency: 'USD' },
          available: true,
        },
      ],
      itemCount: 2,
      total: { amount: 2598, currency: 'USD' },
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect((await user.get()).body).toEqual(response.body);
  });

  it('adds to the existing line when the product is already in the cart', async () => {
    const user = await signedIn();
    const mug = newProduct();
    await user.add(mug.id, 2);
    const response = await user.add(mug.id, 3);
    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0]).toMatchObject({ quantity: 5, lineTotal: { amount: 6495 } });
    expect(response.body.itemCount).toBe(5);
  });

  it('lists lines in the order their products were first added', async () => {
    const user = await signedIn();
    const [a, b, c] = [newProduct(), newProduct(), newProduct()];
    for (const p of [a, b, c, a]) await user.add(p.id, 1);
    const { body } = await user.get();
    expect(body.items.map((line: { productId: string }) => line.productId)).toEqual([
      a.id,
      b.id,
      c.id,
    ]);
  });

  it('sums the lines into the total and counts units, not lines', async () => {
    const user = await signedIn();
    await user.add(newProduct({ price: { amount: 1299, currency: 'USD' } }).id, 2);
    const { body } = await user.add(newProduct({ price: { amount: 850, currency: 'USD' } }).id, 1);
    expect(body).toMatchObject({ itemCount: 3, total: { amount: 3448, currency: 'USD' } });
  });

  it('shows a product the catalog reports out of stock as unavailable, still counted in the total', async () => {
    const user = await signedIn();
    const { body } = await user.add(newProduct({ inStock: false }).id, 1);
    expect(body.items[0].available).toBe(false);
    expect(body.total).toEqual({ amount: 1299, currency: 'USD' });
  });

  it('loses no units when the same user adds concurrently', async () => {
    const user = await signedIn();
    const mug = newProduct();
    const others = [newProduct(), newProduct(), newProduct()];
    const responses = await Promise.all([
      ...Array.from({ length: 8 }, () => user.add(mug.id, 1)),
      ...others.map((p) => user.add(p.id, 1)),
    ]);
    expect(responses.map((r) => r.status)).toEqual(Array(11).fill(200));
    const { body } = await user.get();
    expect(body.items).toHaveLength(4);
    expect(body.items.find((l: { productId: string }) => l.productId === mug.id).quantity).toBe(8);
    expect(body.itemCount).toBe(11);
  });

  it('refuses the 100th unit of a product with CART_ERR_QUANTITY_LIMIT and changes nothing', async () => {
    const user = await signedIn();
    const mug = newProduct();
    await user.add(mug.id, 98);
    const response = await user.add(mug.id, 2);
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'https://docs.bazaar.dev/problems/cart-quantity-limit',
      status: 409,
      code: 'CART_ERR_QUANTITY_LIMIT',
      detail: 'the cart already holds 98 of this product; at most 99 are allowed',
    });
    expect((await user.get()).body.items[0].quantity).toBe(98);
  });

  it('refuses a 51st product with CART_ERR_TOO_MANY_ITEMS', async () => {
    const user = await signedIn();
    for (let n = 0; n < 50; n++) expect((await user.add(newProduct().id, 1)).status).toBe(200);
    const response = await user.add(newProduct().id, 1);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'CART_ERR_TOO_MANY_ITEMS',
      detail: 'a cart holds at most 50 different products',
    });
    expect((await user.get()).body.items).toHaveLength(50);
  }, 30_000);

  it('refuses a product the catalog does not know with CART_ERR_UNKNOWN_PRODUCT', async () => {
    const user = await signedIn();
    const unknown = randomUUID();
    const response = await user.add(unknown, 1);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      type: 'https://docs.bazaar.dev/problems/cart-unknown-product',
      code: 'CART_ERR_UNKNOWN_PRODUCT',
      detail: `product ${unknown} does not exist`,
    });
    expect((await user.get()).body).toEqual({
      items: [],
      itemCount: 0,
      total: null,
      updatedAt: null,
    });
  });

  it('refuses a product priced in another currency with CART_ERR_CURRENCY_MISMATCH', async () => {
    const user = await signedIn();
    await user.add(newProduct().id, 1);
    const euro = newProduct({ price: { amount: 1100, currency: 'EUR' } });
    const response = await user.add(euro.id, 1);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'CART_ERR_CURRENCY_MISMATCH',
      detail: 'the cart is in USD; this product is priced in EUR',
    });
  });

  it('writes cart.item_added with the units added, the new quantity and the unit price', async () => {
    const user = await signedIn();
    const mug = newProduct();
    await user.add(mug.id, 2);
    await user.add(mug.id, 1, { 'Correlation-Id': `corr-${user.userId}` });
    const added = (
      await outboxEvents(cart.database.pool, 'ecommerce.cart.cart.item_added.v1')
    ).filter((event) => event.payload.userId === user.userId);
    expect(added.map((event) => event.payload)).toEqual([
      { userId: user.userId, productId: mug.id, quantity: 2, newQuantity: 2, unitPrice: mug.price },
      { userId: user.userId, productId: mug.id, quantity: 1, newQuantity: 3, unitPrice: mug.price },
    ]);
    expect(added[1]?.correlationId).toBe(`corr-${user.userId}`);
  });

  it('asks the catalog with the request correlation id and trace', async () => {
    const user = await signedIn();
    const mug = newProduct();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await user.add(mug.id, 1, {
      'Correlation-Id': 'corr-to-catalog',
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    const seen = catalog.requests.filter((r) => r.path === `/api/v1/products/${mug.id}`);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.correlationId).toBe('corr-to-catalog');
    expect(seen[0]?.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  });

  it('publishes what it wrote to the outbox to RabbitMQ', async () => {
    const user = await signedIn();
    await user.add(newProduct().id, 1);
    await waitFor(
      async () => {
        const { rows } = await cart.database.pool.query(
          `SELECT published_at FROM platform.outbox
            WHERE message->'payload'->>'userId' = $1`,
          [user.userId],
        );
        return rows.length === 1 && rows[0].published_at !== null;
      },
      { timeoutMs: 15_000, description: 'the item_added event to be published' },
    );
  });
});
