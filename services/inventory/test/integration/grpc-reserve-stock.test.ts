/**
 * ReserveStock over a real gRPC channel (generated client → generated registration → use case →
 * PostgreSQL → outbox → RabbitMQ): every outcome, idempotent repeats, every error status the proto
 * lists, and the events with the caller's trace.
 */
import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { startInventory, type InventoryHarness } from './support/inventory-harness';

let h: InventoryHarness;

beforeAll(async () => {
  h = await startInventory('reserve');
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

const expectStatus = (promise: Promise<unknown>, code: grpc.status, details: RegExp) =>
  expect(promise).rejects.toMatchObject({ code, details: expect.stringMatching(details) });

describe('ReserveStock', () => {
  it('reserves every item and holds the units until the ttl passes', async () => {
    const a = await h.seedProduct(5);
    const b = await h.seedProduct(3);
    const before = Date.now();
    const response = await h.grpc.reserveStock({
      orderId: randomUUID(),
      items: [
        { productId: a.productId, quantity: 2 },
        { productId: b.productId, quantity: 3 },
      ],
      ttl: { seconds: 120 },
    });
    expect(response.outcome).toBe('RESERVATION_OUTCOME_RESERVED');
    expect(response.reservationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.shortages).toEqual([]);
    const expiresMs = response.expiresAt!.seconds * 1000 + response.expiresAt!.nanos / 1e6;
    expect(expiresMs).toBeGreaterThanOrEqual(before + 120_000);
    expect(expiresMs).toBeLessThanOrEqual(Date.now() + 120_000);
    expect(await h.stock(a.productId)).toEqual({ on_hand: 5, reserved: 2, available: 3 });
    expect(await h.stock(b.productId)).toEqual({ on_hand: 3, reserved: 3, available: 0 });
  });

  it('applies the configured default ttl when the request sets none', async () => {
    const a = await h.seedProduct(1);
    const before = Date.now();
    const response = await h.grpc.reserveStock({
      orderId: randomUUID(),
      items: [{ productId: a.productId, quantity: 1 }],
    });
    const expiresMs = response.expiresAt!.seconds * 1000;
    expect(expiresMs).toBeGreaterThanOrEqual(before - 1000 + 900_000);
    expect(expiresMs).toBeLessThanOrEqual(Date.now() + 900_000);
  });

  it('answers a repeat with ALREADY_RESERVED, the same reservation and expiry, and no change', async () => {
    const a = await h.seedProduct(4);
    const request = { orderId: randomUUID(), items: [{ productId: a.productId, quantity: 2 }] };
    const first = await h.grpc.reserveStock(request);
    const repeat = await h.grpc.reserveStock(request);
    expect(repeat).toEqual({ ...first, outcome: 'RESERVATION_OUTCOME_ALREADY_RESERVED' });
    expect(await h.stock(a.productId)).toEqual({ on_hand: 4, reserved: 2, available: 2 });
    await h.events.waitFor('ecommerce.inventory.stock.reserved.v1', { orderId: request.orderId });
    expect(
      h.events.find('ecommerce.inventory.stock.reserved.v1', { orderId: request.orderId }),
    ).toHaveLength(1);
  });

  it('answers a repeat after the order was paid with ALREADY_RESERVED', async () => {
    const a = await h.seedProduct(4);
    const request = { orderId: randomUUID(), items: [{ productId: a.productId, quantity: 1 }] };
    const first = await h.grpc.reserveStock(request);
    await h.grpc.commitReservation({ orderId: request.orderId });
    const repeat = await h.grpc.reserveStock(request);
    expect(repeat.outcome).toBe('RESERVATION_OUTCOME_ALREADY_RESERVED');
    expect(repeat.reservationId).toBe(first.reservationId);
  });

  it('reserves nothing and lists every short item when stock cannot cover the order', async () => {
    const a = await h.seedProduct(5);
    const b = await h.seedProduct(1);
    const c = await h.seedProduct(0);
    const response = await h.grpc.reserveStock({
      orderId: randomUUID(),
      items: [
        { productId: a.productId, quantity: 2 },
        { productId: b.productId, quantity: 2 },
        { productId: c.productId, quantity: 1 },
      ],
    });
    expect(response).toEqual({
      outcome: 'RESERVATION_OUTCOME_OUT_OF_STOCK',
      reservationId: '',
      expiresAt: null,
      shortages: [
        { productId: b.productId, requested: 2, available: 1 },
        { productId: c.productId, requested: 1, available: 0 },
      ],
    });
    expect(await h.stock(a.productId)).toEqual({ on_hand: 5, reserved: 0, available: 5 });
  });

  it('keeps no state for OUT_OF_STOCK, so the same order succeeds once stock arrives', async () => {
    const a = await h.seedProduct(1);
    const request = { orderId: randomUUID(), items: [{ productId: a.productId, quantity: 3 }] };
    expect((await h.grpc.reserveStock(request)).outcome).toBe('RESERVATION_OUTCOME_OUT_OF_STOCK');
    const admin = await h.token(['admin']);
    const restock = await fetch(`${h.url}/api/v1/inventory/${a.productId}/adjustments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ delta: 2, reason: 'RESTOCK' }),
    });
    expect(restock.status).toBe(201);
    expect((await h.grpc.reserveStock(request)).outcome).toBe('RESERVATION_OUTCOME_RESERVED');
  });

  it('publishes stock.reserved, and stock.depleted for each product it empties, with the caller trace', async () => {
    const a = await h.seedProduct(2);
    const b = await h.seedProduct(5);
    const orderId = randomUUID();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await h.grpc.reserveStock(
      {
        orderId,
        items: [
          { productId: a.productId, quantity: 2 },
          { productId: b.productId, quantity: 1 },
        ],
      },
      {
        metadata: {
          traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
          'correlation-id': 'corr-reserve-1',
        },
      },
    );
    const [reserved] = await h.events.waitFor('ecommerce.inventory.stock.reserved.v1', {
      orderId,
    });
    expect(reserved).toMatchObject({
      traceId,
      correlationId: 'corr-reserve-1',
      partitionKey: orderId,
      payload: {
        reservationId: response.reservationId,
        orderId,
        items: [
          { productId: a.productId, quantity: 2, available: 0 },
          { productId: b.productId, quantity: 1, available: 4 },
        ],
      },
    });
    const depleted = await h.events.waitFor('ecommerce.inventory.stock.depleted.v1', {
      productId: a.productId,
    });
    expect(depleted).toEqual([
      expect.objectContaining({
        traceId,
        payload: expect.objectContaining({ productId: a.productId, sku: a.sku }),
      }),
    ]);
    expect(
      h.events.find('ecommerce.inventory.stock.depleted.v1', { productId: b.productId }),
    ).toEqual([]);
  });

  it('refuses the same order for other items with FAILED_PRECONDITION', async () => {
    const a = await h.seedProduct(5);
    const orderId = randomUUID();
    await h.grpc.reserveStock({ orderId, items: [{ productId: a.productId, quantity: 1 }] });
    await expectStatus(
      h.grpc.reserveStock({ orderId, items: [{ productId: a.productId, quantity: 2 }] }),
      grpc.status.FAILED_PRECONDITION,
      /other items/,
    );
  });

  it('never reserves again for an order whose reservation was released', async () => {
    const a = await h.seedProduct(5);
    const request = { orderId: randomUUID(), items: [{ productId: a.productId, quantity: 1 }] };
    await h.grpc.reserveStock(request);
    await h.grpc.releaseStock({
      orderId: request.orderId,
      reason: 'RELEASE_REASON_ORDER_CANCELED',
    });
    await expectStatus(
      h.grpc.reserveStock(request),
      grpc.status.FAILED_PRECONDITION,
      /never reserved again/,
    );
    expect(await h.stock(a.productId)).toEqual({ on_hand: 5, reserved: 0, available: 5 });
  });

  it('answers NOT_FOUND naming a product inventory does not know', async () => {
    const a = await h.seedProduct(5);
    const unknown = randomUUID();
    await expectStatus(
      h.grpc.reserveStock({
        orderId: randomUUID(),
        items: [
          { productId: a.productId, quantity: 1 },
          { productId: unknown, quantity: 1 },
        ],
      }),
      grpc.status.NOT_FOUND,
      new RegExp(unknown),
    );
    expect(await h.stock(a.productId)).toEqual({ on_hand: 5, reserved: 0, available: 5 });
  });

  it.each([
    ['an empty order id', { orderId: '', items: [] }, /^order_id: is required/],
    ['an order id that is not a UUID', { orderId: 'ORDER-1', items: [] }, /^order_id:/],
    ['no items', { orderId: randomUUID(), items: [] }, /^items: at least one/],
    [
      'a quantity below 1',
      { orderId: randomUUID(), items: [{ productId: randomUUID(), quantity: 0 }] },
      /^items\[0\]\.quantity: must be at least 1/,
    ],
    [
      'a product listed twice',
      {
        orderId: randomUUID(),
        items: [
          { productId: '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70', quantity: 1 },
          { productId: '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70', quantity: 1 },
        ],
      },
      /^items\[1\]\.product_id: .* is listed twice/,
    ],
    [
      'a ttl below 1 s',
      {
        orderId: randomUUID(),
        items: [{ productId: randomUUID(), quantity: 1 }],
        ttl: { seconds: 0, nanos: 500_000_000 },
      },
      /^ttl: must be between 1 s and 24 h/,
    ],
    [
      'a ttl above 24 h',
      {
        orderId: randomUUID(),
        items: [{ productId: randomUUID(), quantity: 1 }],
        ttl: { seconds: 86_401 },
      },
      /^ttl:/,
    ],
  ])('answers INVALID_ARGUMENT for %s, naming the field', async (_name, request, details) => {
    await expectStatus(h.grpc.reserveStock(request), grpc.status.INVALID_ARGUMENT, details);
  });

  it('counts reservations by outcome and out-of-stock failures in its metrics', async () => {
    const a = await h.seedProduct(0);
    await h.grpc.reserveStock({
      orderId: randomUUID(),
      items: [{ productId: a.productId, quantity: 1 }],
    });
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/^inventory_reservation_failures_total\{[^}]*\} [1-9]\d*$/m);
    expect(metrics).toMatch(
      /^inventory_reservations_total\{[^}]*outcome="RESERVED"[^}]*\} [1-9]\d*$/m,
    );
  });
});
