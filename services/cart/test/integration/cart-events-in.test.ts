/**
 * The events cart consumes, published to a real RabbitMQ exchange and handled by the running
 * service: a new user gets a cart, a price change reprices every cart holding the product (and
 * never goes backwards), a deleted product leaves every cart and cannot come back through a stale
 * catalog read, and an order placed from a cart empties it exactly once, even when delivered twice.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '@bazaar/platform/testing/index';
import { cartExists, outboxEvents } from '../support/cart-fixtures';
import { product, startCatalogStandIn, type CatalogStandIn } from './support/catalog-stand-in';
import { startCartForTest, type CartTestService } from './support/cart-test-service';
import { call } from './support/http';

let catalog: CatalogStandIn;
let cart: CartTestService;

beforeAll(async () => {
  catalog = await startCatalogStandIn();
  cart = await startCartForTest('cart-events-in', { catalogUrl: catalog.url });
}, 60_000);

afterAll(async () => {
  await cart?.stop();
  await catalog?.stop();
});

async function handled(eventId: string): Promise<void> {
  await waitFor(
    async () =>
      (
        await cart.database.pool.query('SELECT 1 FROM platform.inbox WHERE event_id = $1', [
          eventId,
        ])
      ).rowCount === 1,
    { timeoutMs: 15_000, description: `event ${eventId} to be handled` },
  );
}

async function shopper() {
  const userId = randomUUID();
  const token = await cart.tokenFor(userId);
  return {
    userId,
    add: (productId: string, quantity = 1) =>
      call(cart.url, 'POST', '/api/v1/cart/items', { token, body: { productId, quantity } }),
    get: async () => (await call(cart.url, 'GET', '/api/v1/cart', { token })).body,
  };
}

const mugAt = (amount: number, currency = 'USD') =>
  catalog.put(product({ id: randomUUID(), price: { amount, currency } }));

function priceChanged(
  productId: string,
  newPrice: { amount: number; currency: string },
  validFrom: string,
) {
  return cart.publish('ecommerce.product.price.changed.v1', {
    productId,
    sku: 'MUG-BLUE-01',
    previousPrice: { amount: 1299, currency: 'USD' },
    newPrice,
    validFrom,
  });
}

function orderCreated(customerId: string, fromCart: boolean, orderId = randomUUID()) {
  const line = {
    productId: randomUUID(),
    sku: 'MUG-BLUE-01',
    name: 'Blue ceramic mug',
    quantity: 1,
    unitPrice: { amount: 1299, currency: 'USD' },
    lineTotal: { amount: 1299, currency: 'USD' },
  };
  return cart.publish('ecommerce.order.order.created.v1', {
    orderId,
    customerId,
    items: [line],
    total: line.lineTotal,
    fromCart,
    createdAt: new Date().toISOString(),
  });
}

describe('user.registered', () => {
  it('creates the new user an empty cart', async () => {
    const userId = randomUUID();
    const event = await cart.publish('ecommerce.identity.user.registered.v1', {
      userId,
      email: 'ada@example.org',
      displayName: 'Ada Lovelace',
      roles: ['customer'],
      registeredAt: new Date().toISOString(),
    });
    await handled(event.eventId);
    expect(await cartExists(cart.database.pool, userId)).toBe(true);
  });

  it('keeps the lines of a cart the user filled before the event arrived', async () => {
    const user = await shopper();
    await user.add(mugAt(1299).id, 2);
    const event = await cart.publish('ecommerce.identity.user.registered.v1', {
      userId: user.userId,
      email: 'grace@example.org',
      displayName: 'Grace Hopper',
      roles: ['customer'],
      registeredAt: new Date().toISOString(),
    });
    await handled(event.eventId);
    expect((await user.get()).itemCount).toBe(2);
  });
});

describe('price.changed', () => {
  it('reprices the product in every cart holding it, updating the totals', async () => {
    const mug = mugAt(1299);
    const [ada, grace] = [await shopper(), await shopper()];
    await ada.add(mug.id, 2);
    await grace.add(mug.id, 1);
    await handled(
      (await priceChanged(mug.id, { amount: 1099, currency: 'USD' }, '2026-11-20T16:30:00.000Z'))
        .eventId,
    );
    expect((await ada.get()).total).toEqual({ amount: 2198, currency: 'USD' });
    expect((await grace.get()).items[0].unitPrice).toEqual({ amount: 1099, currency: 'USD' });
  });

  it('ignores a price change older than the price the cart already shows', async () => {
    const mug = mugAt(1299);
    const user = await shopper();
    await user.add(mug.id, 1);
    await handled(
      (await priceChanged(mug.id, { amount: 1099, currency: 'USD' }, '2026-11-20T00:00:00.000Z'))
        .eventId,
    );
    await handled(
      (await priceChanged(mug.id, { amount: 1199, currency: 'USD' }, '2026-11-10T00:00:00.000Z'))
        .eventId,
    );
    expect((await user.get()).total).toEqual({ amount: 1099, currency: 'USD' });
  });

  it('keeps a newer price from an event when a stale catalog read arrives after it', async () => {
    const mug = mugAt(1299); // the catalog keeps answering 1299, as of 2026-11-01
    await handled(
      (await priceChanged(mug.id, { amount: 999, currency: 'USD' }, '2026-11-20T00:00:00.000Z'))
        .eventId,
    );
    const user = await shopper();
    const response = await user.add(mug.id, 1);
    expect(response.body.items[0].unitPrice).toEqual({ amount: 999, currency: 'USD' });
  });

  it('drops the product from carts whose other lines stay in the old currency', async () => {
    const [mug, tea] = [mugAt(1299), mugAt(850)];
    const mixed = await shopper();
    await mixed.add(mug.id, 2);
    await mixed.add(tea.id, 1);
    const single = await shopper();
    await single.add(mug.id, 1);
    const event = await priceChanged(
      mug.id,
      { amount: 1100, currency: 'EUR' },
      '2026-11-20T00:00:00.000Z',
    );
    await handled(event.eventId);
    expect((await mixed.get()).items.map((l: { productId: string }) => l.productId)).toEqual([
      tea.id,
    ]);
    expect((await single.get()).total).toEqual({ amount: 1100, currency: 'EUR' });
    const removed = (
      await outboxEvents(cart.database.pool, 'ecommerce.cart.cart.item_removed.v1')
    ).filter((e) => e.payload.productId === mug.id);
    expect(removed.map((e) => e.payload)).toEqual([
      { userId: mixed.userId, productId: mug.id, quantityRemoved: 2 },
    ]);
    expect(removed[0]?.correlationId).toBe(event.correlationId);
  });
});

describe('product.deleted', () => {
  it('removes the product from every cart, emitting item_removed for each', async () => {
    const [mug, tea] = [mugAt(1299), mugAt(850)];
    const [ada, grace] = [await shopper(), await shopper()];
    await ada.add(mug.id, 3);
    await ada.add(tea.id, 1);
    await grace.add(mug.id, 1);
    const before = (await ada.get()).updatedAt;
    const event = await cart.publish('ecommerce.product.product.deleted.v1', {
      productId: mug.id,
      sku: 'MUG-BLUE-01',
      deletedAt: new Date().toISOString(),
    });
    await handled(event.eventId);
    const after = await ada.get();
    expect(after.items.map((l: { productId: string }) => l.productId)).toEqual([tea.id]);
    expect(after.total).toEqual({ amount: 850, currency: 'USD' });
    expect(after.updatedAt > before).toBe(true);
    expect((await grace.get()).items).toEqual([]);
    const removed = (await outboxEvents(cart.database.pool, 'ecommerce.cart.cart.item_removed.v1'))
      .filter((e) => e.payload.productId === mug.id)
      .map((e) => e.payload);
    expect(removed).toEqual(
      expect.arrayContaining([
        { userId: ada.userId, productId: mug.id, quantityRemoved: 3 },
        { userId: grace.userId, productId: mug.id, quantityRemoved: 1 },
      ]),
    );
    expect(removed).toHaveLength(2);
  });

  it('refuses to add a deleted product even while the catalog still answers for it', async () => {
    const mug = mugAt(1299);
    await handled(
      (
        await cart.publish('ecommerce.product.product.deleted.v1', {
          productId: mug.id,
          sku: 'MUG-BLUE-01',
          deletedAt: new Date().toISOString(),
        })
      ).eventId,
    );
    const response = await (await shopper()).add(mug.id);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('CART_ERR_UNKNOWN_PRODUCT');
  });
});

describe('order.created', () => {
  it('empties a cart the order was placed from, once, even when the event is delivered twice', async () => {
    const user = await shopper();
    await user.add(mugAt(1299).id, 2);
    const orderId = randomUUID();
    const order = await orderCreated(user.userId, true, orderId);
    await handled(order.eventId);
    expect((await user.get()).items).toEqual([]);

    const laterPick = mugAt(500);
    await user.add(laterPick.id, 1);
    await cart.republish(order);
    // Same partition (orderId), so it is handled after the duplicate: once it is, so was that.
    await handled((await orderCreated(user.userId, false, orderId)).eventId);

    expect((await user.get()).items.map((l: { productId: string }) => l.productId)).toEqual([
      laterPick.id,
    ]);
    const cleared = (
      await outboxEvents(cart.database.pool, 'ecommerce.cart.cart.cleared.v1')
    ).filter((e) => e.payload.userId === user.userId);
    expect(cleared.map((e) => e.payload)).toEqual([
      { userId: user.userId, reason: 'ORDER_PLACED' },
    ]);
    expect(cleared[0]?.correlationId).toBe(order.correlationId);
  });

  it('leaves the cart alone when the order was not placed from it', async () => {
    const user = await shopper();
    await user.add(mugAt(1299).id, 2);
    await handled((await orderCreated(user.userId, false)).eventId);
    expect((await user.get()).itemCount).toBe(2);
  });
});
