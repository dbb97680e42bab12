/**
 * What the real catalog learns from other contexts' events, published to the suite's exchange as
 * inventory and orders would: stock events keep each product's inStock flag (older levels never
 * overwrite newer ones), and order.paid adds the units sold to salesCount exactly once, even when
 * the same event is delivered twice.
 */
import { randomUUID } from 'node:crypto';
import { buildEvent } from '@bazaar/generated/events/registry';
import type { EventEnvelope } from '@bazaar/generated/events/types';
import { type CatalogHarness, newProductBody, startCatalog } from '../support/catalog-harness';

let catalog: CatalogHarness;
let admin: string;

beforeAll(async () => {
  catalog = await startCatalog('catalog-stock-sales');
  admin = await catalog.tokenFor(['admin']);
}, 60_000);

afterAll(async () => {
  await catalog?.stop();
}, 60_000);

async function createProduct(sku: string): Promise<string> {
  const response = await catalog.api('POST', '/api/v1/products', {
    token: admin,
    body: newProductBody(sku),
  });
  expect(response.status).toBe(201);
  await catalog.waitForOwnEvents(response.body.id as string);
  return response.body.id as string;
}

async function product(id: string): Promise<{ inStock: boolean; salesCount: number }> {
  const response = await catalog.api<{ inStock: boolean; salesCount: number }>(
    'GET',
    `/api/v1/products/${id}`,
  );
  expect(response.status).toBe(200);
  return response.body;
}

async function deliver(...events: EventEnvelope[]): Promise<void> {
  for (const event of events) await catalog.publish(event);
  for (const event of events) await catalog.waitForHandled(event.eventId);
}

const at = (offsetMs: number) => new Date(Date.UTC(2026, 10, 23, 10, 0, 0) + offsetMs);

function adjusted(productId: string, available: number, occurredAt: Date) {
  return buildEvent(
    'ecommerce.inventory.stock.adjusted.v1',
    {
      productId,
      sku: 'ANY-SKU-1',
      adjustmentId: randomUUID(),
      delta: available === 0 ? -1 : available,
      reason: available === 0 ? 'DAMAGE' : 'RESTOCK',
      source: 'ADMIN',
      onHand: available,
      reserved: 0,
      available,
      adjustedAt: occurredAt.toISOString(),
    },
    { occurredAt },
  );
}

function paid(orderId: string, items: { productId: string; quantity: number }[]) {
  return buildEvent(
    'ecommerce.order.order.paid.v1',
    {
      orderId,
      customerId: '7b4e2d1c-9a8f-4e6d-b5c4-3a2f1e0d9c8b',
      paymentId: randomUUID(),
      amount: { amount: 1000, currency: 'USD' },
      items: items as [(typeof items)[number], ...typeof items],
      paidAt: new Date().toISOString(),
    },
    { partitionKey: orderId },
  );
}

describe('stock events', () => {
  it('marks a product in stock when inventory reports available units, and out of stock at 0', async () => {
    const id = await createProduct('STOCK-ADJ-1');
    expect((await product(id)).inStock).toBe(false);
    await deliver(adjusted(id, 5, at(1_000)));
    expect((await product(id)).inStock).toBe(true);
    await deliver(adjusted(id, 0, at(2_000)));
    expect((await product(id)).inStock).toBe(false);
  });

  it('sets every product of a reservation, then of its release, from their available units', async () => {
    const sold = await createProduct('STOCK-RES-1');
    const plenty = await createProduct('STOCK-RES-2');
    await deliver(adjusted(sold, 2, at(1_000)), adjusted(plenty, 9, at(1_000)));
    const orderId = randomUUID();
    const items = [
      { productId: sold, quantity: 2, available: 0 },
      { productId: plenty, quantity: 1, available: 8 },
    ] as const;
    await deliver(
      buildEvent(
        'ecommerce.inventory.stock.reserved.v1',
        {
          reservationId: randomUUID(),
          orderId,
          items: [items[0], items[1]],
          expiresAt: at(900_000).toISOString(),
          reservedAt: at(2_000).toISOString(),
        },
        { occurredAt: at(2_000) },
      ),
    );
    expect([(await product(sold)).inStock, (await product(plenty)).inStock]).toEqual([false, true]);
    await deliver(
      buildEvent(
        'ecommerce.inventory.stock.released.v1',
        {
          reservationId: randomUUID(),
          orderId,
          reason: 'ORDER_CANCELED',
          items: [
            { productId: sold, quantity: 2, available: 2 },
            { productId: plenty, quantity: 1, available: 9 },
          ],
          releasedAt: at(3_000).toISOString(),
        },
        { occurredAt: at(3_000) },
      ),
    );
    expect([(await product(sold)).inStock, (await product(plenty)).inStock]).toEqual([true, true]);
  });

  it('marks a depleted product out of stock', async () => {
    const id = await createProduct('STOCK-DEPL-1');
    await deliver(adjusted(id, 3, at(1_000)));
    await deliver(
      buildEvent(
        'ecommerce.inventory.stock.depleted.v1',
        { productId: id, sku: 'STOCK-DEPL-1', depletedAt: at(2_000).toISOString() },
        { occurredAt: at(2_000) },
      ),
    );
    expect((await product(id)).inStock).toBe(false);
  });

  it('ignores a stock level older than the one already applied', async () => {
    const id = await createProduct('STOCK-ORDER-1');
    await deliver(adjusted(id, 0, at(5_000)));
    await deliver(adjusted(id, 7, at(4_000)));
    expect((await product(id)).inStock).toBe(false);
    const row = await catalog.database.pool.query(
      'SELECT stock_observed_at FROM products WHERE id = $1',
      [id],
    );
    expect(row.rows[0].stock_observed_at).toEqual(at(5_000));
  });

  it('handles a stock event for a product it does not know without failing', async () => {
    const event = adjusted(randomUUID(), 4, at(1_000));
    await deliver(event);
    const products = await catalog.database.pool.query(
      'SELECT count(*)::int AS n FROM products WHERE id = $1',
      [event.payload.productId],
    );
    expect(products.rows[0].n).toBe(0);
  });
});

describe('order.paid', () => {
  it('adds the units of every product of a paid order, a product listed twice counted in full', async () => {
    const mug = await createProduct('SALES-1');
    const pot = await createProduct('SALES-2');
    await deliver(
      paid(randomUUID(), [
        { productId: mug, quantity: 2 },
        { productId: pot, quantity: 1 },
        { productId: mug, quantity: 3 },
      ]),
    );
    expect([(await product(mug)).salesCount, (await product(pot)).salesCount]).toEqual([5, 1]);
  });

  it('counts an order.paid delivered twice only once', async () => {
    const id = await createProduct('SALES-TWICE-1');
    const marker = await createProduct('SALES-MARKER-1');
    const orderId = randomUUID();
    const event = paid(orderId, [{ productId: id, quantity: 4 }]);
    // Same partition as the duplicate, so the consumer handles it after both deliveries.
    const after = buildEvent(
      'ecommerce.order.order.paid.v1',
      { ...paid(randomUUID(), [{ productId: marker, quantity: 1 }]).payload },
      { partitionKey: orderId },
    );
    await catalog.publish(event);
    await catalog.publish(event);
    await deliver(after);
    expect((await product(id)).salesCount).toBe(4);
    expect((await product(marker)).salesCount).toBe(1);
    const inbox = await catalog.database.pool.query(
      `SELECT count(*)::int AS n FROM platform.inbox WHERE consumer = 'catalog' AND event_id = $1`,
      [event.eventId],
    );
    expect(inbox.rows[0].n).toBe(1);
  });

  it('counts the products it knows when a paid order also lists one it does not', async () => {
    const id = await createProduct('SALES-PARTIAL-1');
    await deliver(
      paid(randomUUID(), [
        { productId: id, quantity: 2 },
        { productId: randomUUID(), quantity: 9 },
      ]),
    );
    expect((await product(id)).salesCount).toBe(2);
  });
});
