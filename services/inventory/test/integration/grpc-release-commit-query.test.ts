/**
 * ReleaseStock, CommitReservation and QueryStock over a real gRPC channel: every outcome, the
 * idempotent repeats, where the units go (reserved, on hand), the stock.released event, and the
 * error statuses the proto lists.
 */
import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { startInventory, type InventoryHarness } from './support/inventory-harness';

let h: InventoryHarness;

beforeAll(async () => {
  h = await startInventory('release');
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

async function reserved(quantity: number, onHand = 10) {
  const product = await h.seedProduct(onHand);
  const orderId = randomUUID();
  const response = await h.grpc.reserveStock({
    orderId,
    items: [{ productId: product.productId, quantity }],
  });
  expect(response.outcome).toBe('RESERVATION_OUTCOME_RESERVED');
  return { ...product, orderId, reservationId: response.reservationId };
}

const cancel = (orderId: string) =>
  h.grpc.releaseStock({ orderId, reason: 'RELEASE_REASON_ORDER_CANCELED' });

describe('ReleaseStock', () => {
  it('gives an active reservation back to available stock and publishes stock.released', async () => {
    const r = await reserved(3);
    const response = await cancel(r.orderId);
    expect(response.outcome).toBe('RELEASE_OUTCOME_RELEASED');
    expect(response.reservationId).toBe(r.reservationId);
    expect(response.releasedAt).not.toBeNull();
    expect(await h.stock(r.productId)).toEqual({ on_hand: 10, reserved: 0, available: 10 });
    const [event] = await h.events.waitFor('ecommerce.inventory.stock.released.v1', {
      orderId: r.orderId,
    });
    expect(event!.payload).toMatchObject({
      reservationId: r.reservationId,
      reason: 'ORDER_CANCELED',
      items: [{ productId: r.productId, quantity: 3, available: 10 }],
    });
  });

  it('answers a repeat with ALREADY_RELEASED and the first release time, changing nothing', async () => {
    const r = await reserved(2);
    const first = await cancel(r.orderId);
    const repeat = await cancel(r.orderId);
    expect(repeat).toEqual({ ...first, outcome: 'RELEASE_OUTCOME_ALREADY_RELEASED' });
    expect(await h.stock(r.productId)).toEqual({ on_hand: 10, reserved: 0, available: 10 });
  });

  it('answers NOTHING_TO_RELEASE for an order that never held a reservation', async () => {
    expect(await cancel(randomUUID())).toEqual({
      outcome: 'RELEASE_OUTCOME_NOTHING_TO_RELEASE',
      reservationId: '',
      releasedAt: null,
    });
  });

  it('returns the units of a committed reservation to on hand (paid order canceled)', async () => {
    const r = await reserved(4);
    await h.grpc.commitReservation({ orderId: r.orderId });
    expect(await h.stock(r.productId)).toEqual({ on_hand: 6, reserved: 0, available: 6 });
    expect((await cancel(r.orderId)).outcome).toBe('RELEASE_OUTCOME_RELEASED');
    expect(await h.stock(r.productId)).toEqual({ on_hand: 10, reserved: 0, available: 10 });
  });

  it('answers INVALID_ARGUMENT for an unspecified reason', async () => {
    await expect(
      h.grpc.releaseStock({ orderId: randomUUID(), reason: 'RELEASE_REASON_UNSPECIFIED' }),
    ).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringMatching(/^reason:/),
    });
  });

  it('answers INVALID_ARGUMENT for an empty order id', async () => {
    await expect(
      h.grpc.releaseStock({ orderId: '', reason: 'RELEASE_REASON_ORDER_CANCELED' }),
    ).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });
});

describe('CommitReservation', () => {
  it('turns the reservation into a sale: units leave on hand and reserved, available unchanged', async () => {
    const r = await reserved(3);
    const response = await h.grpc.commitReservation({ orderId: r.orderId });
    expect(response.outcome).toBe('COMMIT_OUTCOME_COMMITTED');
    expect(response.reservationId).toBe(r.reservationId);
    expect(response.committedAt).not.toBeNull();
    expect(await h.stock(r.productId)).toEqual({ on_hand: 7, reserved: 0, available: 7 });
  });

  it('answers a repeat with ALREADY_COMMITTED and the first commit time, changing nothing', async () => {
    const r = await reserved(3);
    const first = await h.grpc.commitReservation({ orderId: r.orderId });
    const repeat = await h.grpc.commitReservation({ orderId: r.orderId });
    expect(repeat).toEqual({ ...first, outcome: 'COMMIT_OUTCOME_ALREADY_COMMITTED' });
    expect(await h.stock(r.productId)).toEqual({ on_hand: 7, reserved: 0, available: 7 });
  });

  it('answers NO_RESERVATION for an order that never held one', async () => {
    expect(await h.grpc.commitReservation({ orderId: randomUUID() })).toEqual({
      outcome: 'COMMIT_OUTCOME_NO_RESERVATION',
      reservationId: '',
      committedAt: null,
    });
  });

  it('answers RELEASED for a reservation released before the commit', async () => {
    const r = await reserved(1);
    await cancel(r.orderId);
    expect(await h.grpc.commitReservation({ orderId: r.orderId })).toEqual({
      outcome: 'COMMIT_OUTCOME_RELEASED',
      reservationId: r.reservationId,
      committedAt: null,
    });
    expect(await h.stock(r.productId)).toEqual({ on_hand: 10, reserved: 0, available: 10 });
  });

  it('answers EXPIRED for a reservation the saga released as expired', async () => {
    const r = await reserved(1);
    await h.grpc.releaseStock({ orderId: r.orderId, reason: 'RELEASE_REASON_RESERVATION_EXPIRED' });
    expect((await h.grpc.commitReservation({ orderId: r.orderId })).outcome).toBe(
      'COMMIT_OUTCOME_EXPIRED',
    );
  });

  it('answers INVALID_ARGUMENT for an order id that is not a UUID', async () => {
    await expect(h.grpc.commitReservation({ orderId: 'nope' })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringMatching(/^order_id:/),
    });
  });
});

describe('QueryStock', () => {
  it('answers one level per distinct product, in the order first named', async () => {
    const a = await h.seedProduct(7);
    const b = await reserved(2, 5);
    const response = await h.grpc.queryStock({
      productIds: [b.productId, a.productId, b.productId],
    });
    expect(response.levels).toEqual([
      { productId: b.productId, sku: b.sku, onHand: 5, reserved: 2, available: 3 },
      { productId: a.productId, sku: a.sku, onHand: 7, reserved: 0, available: 7 },
    ]);
  });

  it('answers NOT_FOUND naming a product inventory does not know', async () => {
    const a = await h.seedProduct(1);
    const unknown = randomUUID();
    await expect(h.grpc.queryStock({ productIds: [a.productId, unknown] })).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: expect.stringContaining(unknown),
    });
  });

  it.each([
    ['no product ids', [], /^product_ids: at least one/],
    ['more than 100', Array.from({ length: 101 }, () => randomUUID()), /^product_ids: at most 100/],
    ['one that is not a UUID', [randomUUID(), 'MUG-1'], /^product_ids\[1\]:/],
  ])('answers INVALID_ARGUMENT for %s', async (_name, productIds, details) => {
    await expect(h.grpc.queryStock({ productIds })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringMatching(details),
    });
  });
});
