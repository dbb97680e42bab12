/**
 * Stock never goes negative, whatever the concurrency: 200 concurrent ReserveStock calls over real
 * gRPC for 10 units reserve exactly 10; reservations, releases and admin adjustments racing on the
 * same products keep every invariant; reservations of the same products in opposite orders do not
 * deadlock; and PostgreSQL itself refuses a row with negative available stock.
 */
import { randomUUID } from 'node:crypto';
import { startInventory, type InventoryHarness } from './support/inventory-harness';

let h: InventoryHarness;

beforeAll(async () => {
  h = await startInventory('oversell');
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe('no oversell under concurrency', () => {
  it('reserves exactly 10 of 200 concurrent single-unit orders for 10 units', async () => {
    const product = await h.seedProduct(10);
    // Samples the row while the calls run: no reading may ever show negative stock.
    const readings: number[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const level = await h.stock(product.productId);
        readings.push(Math.min(level.available, level.reserved, level.on_hand));
      }
    })();
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, () =>
        h.grpc
          .reserveStock(
            { orderId: randomUUID(), items: [{ productId: product.productId, quantity: 1 }] },
            { deadlineMs: 60_000 },
          )
          .then((response) => response.outcome),
      ),
    );
    sampling = false;
    await sampler;
    expect(readings.length).toBeGreaterThan(0);
    expect(Math.min(...readings)).toBeGreaterThanOrEqual(0);
    const count = (outcome: string) => outcomes.filter((o) => o === outcome).length;
    expect(count('RESERVATION_OUTCOME_RESERVED')).toBe(10);
    expect(count('RESERVATION_OUTCOME_OUT_OF_STOCK')).toBe(190);
    expect(await h.stock(product.productId)).toEqual({ on_hand: 10, reserved: 10, available: 0 });
    const { rows } = await h.database.pool.query<{ reserved: number }>(
      `SELECT coalesce(sum(i.quantity), 0)::int AS reserved
         FROM reservation_items i JOIN reservations r ON r.id = i.reservation_id
        WHERE i.product_id = $1 AND r.status = 'ACTIVE'`,
      [product.productId],
    );
    expect(rows[0]!.reserved).toBe(10);
  }, 120_000);

  it('keeps every invariant while reservations, releases and removals race', async () => {
    const a = await h.seedProduct(30);
    const b = await h.seedProduct(30);
    const admin = await h.token(['admin']);
    const orders = Array.from({ length: 60 }, () => randomUUID());
    const work: Promise<unknown>[] = [];
    orders.forEach((orderId, i) => {
      const items =
        i % 2 === 0
          ? [
              { productId: a.productId, quantity: 2 },
              { productId: b.productId, quantity: 1 },
            ]
          : [
              { productId: b.productId, quantity: 2 },
              { productId: a.productId, quantity: 1 },
            ];
      work.push(
        h.grpc.reserveStock({ orderId, items }, { deadlineMs: 60_000 }).then(async (response) => {
          if (response.outcome === 'RESERVATION_OUTCOME_RESERVED' && i % 3 === 0)
            await h.grpc.releaseStock(
              { orderId, reason: 'RELEASE_REASON_ORDER_CANCELED' },
              { deadlineMs: 60_000 },
            );
        }),
      );
      if (i % 4 === 0)
        work.push(
          fetch(
            `${h.url}/api/v1/inventory/${i % 8 === 0 ? a.productId : b.productId}/adjustments`,
            {
              method: 'POST',
              headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
              body: JSON.stringify({ delta: -3, reason: 'DAMAGE' }),
            },
          ).then((response) => expect([201, 409]).toContain(response.status)),
        );
    });
    await Promise.all(work);

    for (const product of [a, b]) {
      const level = await h.stock(product.productId);
      expect(level.available).toBeGreaterThanOrEqual(0);
      expect(level.reserved).toBeGreaterThanOrEqual(0);
      const { rows } = await h.database.pool.query<{ held: number; removed: number }>(
        `SELECT
           (SELECT coalesce(sum(i.quantity), 0)::int FROM reservation_items i
              JOIN reservations r ON r.id = i.reservation_id
             WHERE i.product_id = $1 AND r.status = 'ACTIVE') AS held,
           (SELECT coalesce(sum(delta), 0)::int FROM stock_adjustments
             WHERE product_id = $1 AND delta < 0) AS removed`,
        [product.productId],
      );
      expect(level.reserved).toBe(rows[0]!.held);
      expect(level.on_hand).toBe(30 + rows[0]!.removed);
    }
  }, 120_000);

  it('refuses, in PostgreSQL itself, a row whose available stock would be negative', async () => {
    const product = await h.seedProduct(2);
    await expect(
      h.database.pool.query('UPDATE stock_items SET reserved = 3 WHERE product_id = $1', [
        product.productId,
      ]),
    ).rejects.toMatchObject({ code: '23514', constraint: 'stock_items_available_not_negative' });
    await expect(
      h.database.pool.query('UPDATE stock_items SET reserved = -1 WHERE product_id = $1', [
        product.productId,
      ]),
    ).rejects.toMatchObject({ code: '23514' });
  });
});
