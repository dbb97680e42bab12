/**
 * Reservation expiry: the sweep (a BackgroundWorker with a short interval here) releases lapsed
 * reservations with reason RESERVATION_EXPIRED and publishes stock.released; a commit after expiry
 * answers EXPIRED; several sweepers at once release each lapsed reservation exactly once.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '@bazaar/platform/testing/index';
import { commitReservation } from '../../src/use-cases/commit-reservation.use-case';
import { expireReservations } from '../../src/use-cases/expire-reservations.use-case';
import { reserveStock } from '../../src/use-cases/reserve-stock.use-case';
import { ReservationStateError } from '../../src/use-cases/use-case-errors';
import { startInventory, type InventoryHarness } from './support/inventory-harness';

let h: InventoryHarness;

beforeAll(async () => {
  h = await startInventory('expiry', { INVENTORY_EXPIRY_SWEEP_INTERVAL_MS: '100' });
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

async function reservationStatus(orderId: string) {
  const { rows } = await h.database.pool.query<{ status: string; release_reason: string | null }>(
    'SELECT status, release_reason FROM reservations WHERE order_id = $1',
    [orderId],
  );
  return rows[0];
}

describe('reservation expiry', () => {
  it('releases a reservation once its ttl passes, with reason RESERVATION_EXPIRED', async () => {
    const product = await h.seedProduct(5);
    const orderId = randomUUID();
    const reserved = await h.grpc.reserveStock({
      orderId,
      items: [{ productId: product.productId, quantity: 2 }],
      ttl: { seconds: 1 },
    });
    expect(await h.stock(product.productId)).toEqual({ on_hand: 5, reserved: 2, available: 3 });
    const [event] = await h.events.waitFor('ecommerce.inventory.stock.released.v1', { orderId });
    expect(event!.payload).toMatchObject({
      reservationId: reserved.reservationId,
      reason: 'RESERVATION_EXPIRED',
      items: [{ productId: product.productId, quantity: 2, available: 5 }],
    });
    expect(await reservationStatus(orderId)).toEqual({
      status: 'RELEASED',
      release_reason: 'RESERVATION_EXPIRED',
    });
    expect(await h.stock(product.productId)).toEqual({ on_hand: 5, reserved: 0, available: 5 });
  });

  it('answers a commit after the expiry with EXPIRED and a release with ALREADY_RELEASED', async () => {
    const product = await h.seedProduct(5);
    const orderId = randomUUID();
    await h.grpc.reserveStock({
      orderId,
      items: [{ productId: product.productId, quantity: 1 }],
      ttl: { seconds: 1 },
    });
    await waitFor(async () => (await reservationStatus(orderId))?.status === 'RELEASED');
    expect((await h.grpc.commitReservation({ orderId })).outcome).toBe('COMMIT_OUTCOME_EXPIRED');
    expect(
      (await h.grpc.releaseStock({ orderId, reason: 'RELEASE_REASON_ORDER_CANCELED' })).outcome,
    ).toBe('RELEASE_OUTCOME_ALREADY_RELEASED');
    expect(await h.stock(product.productId)).toEqual({ on_hand: 5, reserved: 0, available: 5 });
  });

  it('leaves committed reservations alone when their expiry passes', async () => {
    const product = await h.seedProduct(5);
    const orderId = randomUUID();
    await h.grpc.reserveStock({
      orderId,
      items: [{ productId: product.productId, quantity: 2 }],
      ttl: { seconds: 1 },
    });
    await h.grpc.commitReservation({ orderId });
    const later = await h.seedProduct(1);
    const laterOrder = randomUUID();
    await h.grpc.reserveStock({
      orderId: laterOrder,
      items: [{ productId: later.productId, quantity: 1 }],
      ttl: { seconds: 1 },
    });
    // Once a reservation made after it has expired, the sweep has run past this one too.
    await waitFor(async () => (await reservationStatus(laterOrder))?.status === 'RELEASED');
    expect(await reservationStatus(orderId)).toEqual({ status: 'COMMITTED', release_reason: null });
    expect(await h.stock(product.productId)).toEqual({ on_hand: 3, reserved: 0, available: 3 });
  });

  it('releases a lapsed reservation itself when a commit finds it before the sweep does', async () => {
    const product = await h.seedProduct(5);
    const orderId = randomUUID();
    await h.grpc.reserveStock({
      orderId,
      items: [{ productId: product.productId, quantity: 2 }],
      ttl: { seconds: 600 },
    });
    const afterExpiry = { pool: h.database.pool, clock: () => new Date(Date.now() + 601_000) };
    expect((await commitReservation(afterExpiry, { orderId })).outcome).toBe('EXPIRED');
    expect(await reservationStatus(orderId)).toEqual({
      status: 'RELEASED',
      release_reason: 'RESERVATION_EXPIRED',
    });
    expect(await h.stock(product.productId)).toEqual({ on_hand: 5, reserved: 0, available: 5 });
    await h.events.waitFor('ecommerce.inventory.stock.released.v1', { orderId });
  });

  it('releases a lapsed reservation itself and refuses when a repeated reserve finds it', async () => {
    const product = await h.seedProduct(5);
    const orderId = randomUUID();
    const items = [{ productId: product.productId, quantity: 2 }];
    await h.grpc.reserveStock({ orderId, items, ttl: { seconds: 600 } });
    const afterExpiry = { pool: h.database.pool, clock: () => new Date(Date.now() + 601_000) };
    await expect(reserveStock(afterExpiry, { orderId, items, ttlMs: 60_000 })).rejects.toThrow(
      ReservationStateError,
    );
    expect(await reservationStatus(orderId)).toEqual({
      status: 'RELEASED',
      release_reason: 'RESERVATION_EXPIRED',
    });
    expect(await h.stock(product.productId)).toEqual({ on_hand: 5, reserved: 0, available: 5 });
  });

  it('releases each lapsed reservation exactly once when several instances sweep at once', async () => {
    await h.parts.expiry.stop();
    try {
      const product = await h.seedProduct(40);
      const orders: string[] = Array.from({ length: 40 }, () => randomUUID());
      for (const orderId of orders)
        await h.grpc.reserveStock({
          orderId,
          items: [{ productId: product.productId, quantity: 1 }],
          ttl: { seconds: 1 },
        });
      expect(await h.stock(product.productId)).toEqual({ on_hand: 40, reserved: 40, available: 0 });
      const later = new Date(Date.now() + 2_000);
      const deps = { pool: h.database.pool, clock: () => later };
      const sweeps = await Promise.all(
        Array.from({ length: 4 }, () => expireReservations(deps, { limit: 100 })),
      );
      const released = sweeps.flat().map((r) => r.orderId);
      expect(released.sort()).toEqual([...orders].sort());
      expect(await h.stock(product.productId)).toEqual({ on_hand: 40, reserved: 0, available: 40 });
      for (const orderId of orders)
        await h.events.waitFor('ecommerce.inventory.stock.released.v1', { orderId });
      const releasedEvents = h.events
        .find('ecommerce.inventory.stock.released.v1')
        .filter((event) => orders.includes(event.payload['orderId'] as string));
      expect(releasedEvents).toHaveLength(40);
    } finally {
      await h.parts.expiry.start();
    }
  }, 30_000);
});
