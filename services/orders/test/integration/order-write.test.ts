/**
 * An order write is ONE statement (persistence/order-write.ts): events, outbox, saga row and the
 * key's placement commit together or not at all, a lost race on the version or on the key leaves
 * nothing behind, and two writers of one version never deadlock (one wins, the other is told).
 */
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing/index';
import { decide } from '../../src/domain/order';
import type { ReservationOutcome } from '../../src/domain/order-commands';
import { line } from '../../src/domain/order.test-builders';
import { OrderConcurrencyError, loadOrder } from '../../src/persistence/order-event-store';
import { PlacementTakenError } from '../../src/persistence/order-placement-store';
import { writeOrder } from '../../src/persistence/order-write';
import { ORDERS_MIGRATIONS_DIR } from '../../src/service';
import { runOrderCommand } from '../../src/use-cases/order-transaction';

const LEASES = { reserveMs: 30_000, chargeMs: 30_000, commitMs: 30_000, compensateMs: 30_000 };
const NOW = new Date('2026-11-23T10:30:00.000Z');

let db: TestDatabase;
const deps = () => ({ pool: db.pool, clock: () => NOW, leases: LEASES });

beforeAll(async () => {
  db = await createTestDatabase('orders-order-write', {
    serviceMigrationsDir: ORDERS_MIGRATIONS_DIR,
  });
});
afterAll(async () => db.drop());

async function rowsOf(orderId: string) {
  const count = async (sql: string) =>
    Number((await db.pool.query<{ n: string }>(sql, [orderId])).rows[0]!.n);
  return {
    events: await count('SELECT count(*) AS n FROM order_events WHERE order_id = $1'),
    outbox: await count('SELECT count(*) AS n FROM platform.outbox WHERE partition_key = $1::text'),
    sagas: await count('SELECT count(*) AS n FROM saga_instances WHERE order_id = $1'),
    placements: await count('SELECT count(*) AS n FROM order_placements WHERE order_id = $1'),
  };
}

function place(customerId: string, key: string, orderId = randomUUID()) {
  return {
    orderId,
    run: () =>
      runOrderCommand(
        deps(),
        orderId,
        { type: 'PlaceOrder', customerId, lines: [line()], fromCart: false },
        {
          knownState: { state: undefined },
          placement: { customerId, idempotencyKey: key, orderId, now: NOW },
        },
      ),
  };
}

describe('one-statement order writes', () => {
  it('writes the events, order.created, the saga row and the placement together', async () => {
    const { orderId, run } = place(randomUUID(), 'key-1');
    const { state } = await run();
    expect(state?.step).toBe('RESERVING_STOCK');
    expect(await rowsOf(orderId)).toEqual({ events: 1, outbox: 1, sagas: 1, placements: 1 });
    const outbox = await db.pool.query<{ event_type: string }>(
      'SELECT event_type FROM platform.outbox WHERE partition_key = $1',
      [orderId],
    );
    expect(outbox.rows[0]!.event_type).toBe('ecommerce.order.order.created.v1');
  });

  it('writes nothing of an order whose key placed another order meanwhile', async () => {
    const customerId = randomUUID();
    await place(customerId, 'key-2').run();
    const second = place(customerId, 'key-2');
    await expect(second.run()).rejects.toBeInstanceOf(PlacementTakenError);
    expect(await rowsOf(second.orderId)).toEqual({
      events: 0,
      outbox: 0,
      sagas: 0,
      placements: 0,
    });
  });

  it('decides again on the stored history when the known state is stale', async () => {
    const { orderId, run } = place(randomUUID(), 'key-3');
    const placed = (await run()).state!;
    await runOrderCommand(deps(), orderId, {
      type: 'RecordReservation',
      outcome: { kind: 'out-of-stock', shortages: [] },
    });
    // The caller still believes the order awaits its reservation: the append at its version
    // fails, the history is read back, and the command (already settled) changes nothing.
    const again = await runOrderCommand(
      deps(),
      orderId,
      { type: 'RecordReservation', outcome: { kind: 'out-of-stock', shortages: [] } },
      { knownState: { state: placed } },
    );
    expect(again.events).toEqual([]);
    expect(again.state?.status).toBe('CANCELED');
    expect((await loadOrder(db.pool, orderId))?.version).toBe(again.state?.version);
  });

  it('lets one of two writers of the same version win and tells the other, without a deadlock', async () => {
    const { orderId, run } = place(randomUUID(), 'key-4');
    const placed = (await run()).state!;
    const write = (outcome: ReservationOutcome) =>
      writeOrder(db.pool, {
        orderId,
        expectedVersion: placed.version,
        events: decide(placed, { type: 'RecordReservation', outcome }, NOW),
        // Public events are not the point here; the outbox part is covered above.
        outbox: [],
        saga: {
          orderId,
          orderVersion: placed.version + 1,
          schedule: { step: 'CLOSED', deadline: null, nextAttemptAt: null },
          charge: null,
          now: NOW,
        },
      });
    const outcomes: ReservationOutcome[] = [
      { kind: 'out-of-stock', shortages: [] },
      { kind: 'unavailable' },
    ];
    const results = await Promise.allSettled(outcomes.map(write));
    const won = results.findIndex((r) => r.status === 'fulfilled');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results[1 - won] as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(OrderConcurrencyError);
    const winnerEvents = decide(
      placed,
      { type: 'RecordReservation', outcome: outcomes[won]! },
      NOW,
    );
    expect((await rowsOf(orderId)).events).toBe(placed.version + winnerEvents.length);
  });
});
