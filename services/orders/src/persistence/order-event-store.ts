/**
 * The order event store (table order_events): `loadOrder` folds an order's history into its state,
 * `appendOrderEvents` adds events after the version the writer decided on. Two writers deciding
 * on the same version both try to insert that version; the unique (order_id, version) key lets
 * one win and the other fails with OrderConcurrencyError (optimistic concurrency), so it reloads
 * and decides again.
 */
import type { OrderEvent } from '../domain/order-events';
import { replayOrder, type OrderState } from '../domain/order-state';
import { isUniqueViolation, type Queryable } from './queryable';

export class OrderConcurrencyError extends Error {
  override readonly name = 'OrderConcurrencyError';
  constructor(
    readonly orderId: string,
    readonly expectedVersion: number,
  ) {
    super(`order ${orderId} changed after version ${expectedVersion} was read`);
  }
}

interface EventRow {
  order_id: string;
  version: number;
  event_type: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

function toEvent(row: EventRow): OrderEvent {
  return { ...row.payload, type: row.event_type, at: row.occurred_at.toISOString() } as OrderEvent;
}

/** The order's events, oldest first. */
export async function loadOrderEvents(db: Queryable, orderId: string): Promise<OrderEvent[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT order_id, version, event_type, payload, occurred_at FROM order_events
      WHERE order_id = $1 ORDER BY version`,
    [orderId],
  );
  return rows.map(toEvent);
}

/** The order as its events make it; undefined when it has none. */
export async function loadOrder(db: Queryable, orderId: string): Promise<OrderState | undefined> {
  return replayOrder(orderId, await loadOrderEvents(db, orderId));
}

/** A statement (or the part of one) and its parameters, numbered from the `first` it was given. */
export interface SqlPart {
  sql: string;
  values: unknown[];
}

/** The INSERT of `events` as versions expectedVersion+1…, its parameters from $first on. */
export function appendEventsStatement(
  orderId: string,
  expectedVersion: number,
  events: readonly OrderEvent[],
  first = 1,
): SqlPart {
  const p = (i: number) => `$${first + i}`;
  const rows = events.map((event, i) => {
    const { type, at, ...payload } = event;
    return { version: expectedVersion + i + 1, type, payload: JSON.stringify(payload), at };
  });
  return {
    sql: `INSERT INTO order_events (order_id, version, event_type, payload, occurred_at)
          SELECT ${p(0)}::uuid, version, event_type, payload, occurred_at
            FROM unnest(${p(1)}::int[], ${p(2)}::text[], ${p(3)}::jsonb[], ${p(4)}::timestamptz[])
                 AS e(version, event_type, payload, occurred_at)`,
    values: [
      orderId,
      rows.map((r) => r.version),
      rows.map((r) => r.type),
      rows.map((r) => r.payload),
      rows.map((r) => r.at),
    ],
  };
}

/** True when `error` is another writer having appended the version this one decided on. */
export function isLostAppendRace(error: unknown): boolean {
  return isUniqueViolation(error, 'order_events_order_version_unique');
}

/** Appends `events` as versions expectedVersion+1…; throws OrderConcurrencyError if taken. */
export async function appendOrderEvents(
  db: Queryable,
  orderId: string,
  expectedVersion: number,
  events: readonly OrderEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const insert = appendEventsStatement(orderId, expectedVersion, events);
  try {
    await db.query(insert.sql, insert.values);
  } catch (error) {
    if (isLostAppendRace(error)) throw new OrderConcurrencyError(orderId, expectedVersion);
    throw error;
  }
}

/**
 * Every order's history, a page of orders at a time (keyset on order_id), for the replay of the
 * read model: yields [orderId, events] in order_id order.
 */
export async function* allOrderHistories(
  db: Queryable,
  pageSize = 500,
): AsyncGenerator<[string, OrderEvent[]]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await db.query<EventRow>(
      `SELECT order_id, version, event_type, payload, occurred_at FROM order_events
        WHERE order_id IN (SELECT DISTINCT order_id FROM order_events WHERE order_id > $1
                            ORDER BY order_id LIMIT $2)
        ORDER BY order_id, version`,
      [after, pageSize],
    );
    if (rows.length === 0) return;
    let current: string | undefined;
    let events: OrderEvent[] = [];
    for (const row of rows) {
      if (row.order_id !== current) {
        if (current) yield [current, events];
        current = row.order_id;
        events = [];
      }
      events.push(toEvent(row));
    }
    if (current) yield [current, events];
    after = rows.at(-1)!.order_id;
  }
}
