/**
 * One order write as ONE SQL statement: the events appended at the expected version, the public
 * events they lead to in the outbox, the saga row, and (when an order is placed) the
 * Idempotency-Key's placement, as data-modifying CTEs. A statement is its own transaction, so this
 * is as atomic as BEGIN … COMMIT around four statements, in one round trip instead of six.
 *
 * Lock order is fixed by chaining: each CTE's rows are guarded by `(SELECT count(*) FROM <the CTE
 * before>) >= 0`, which makes the CTE before run to completion first. The event append comes
 * first, so a writer that lost the race on (order_id, version) waits there holding nothing else
 * and then fails with the unique violation, never deadlocks on the saga row.
 */
import type { EventEnvelope } from '@bazaar/platform/events/index';
import { outboxInsertStatement } from '@bazaar/platform/events/index';
import { eventRegistry } from '@bazaar/generated/events/registry';
import type { OrderEvent } from '../domain/order-events';
import {
  appendEventsStatement,
  isLostAppendRace,
  OrderConcurrencyError,
  type SqlPart,
} from './order-event-store';
import {
  insertPlacementStatement,
  isPlacementTaken,
  PlacementTakenError,
  type NewPlacement,
} from './order-placement-store';
import type { Queryable } from './queryable';
import { saveSagaStatement, type SaveSagaInput } from './saga-store';

export interface OrderWrite {
  orderId: string;
  /** The version the events were decided on (0 for a new order). */
  expectedVersion: number;
  events: readonly OrderEvent[];
  /** The public events to publish, all keyed by the order (one outbox partition). */
  outbox: readonly EventEnvelope[];
  saga: SaveSagaInput;
  /** The key's first placement, written with OrderPlaced. */
  placement?: NewPlacement;
}

/** The whole write as one statement (exported for its test). */
export function orderWriteStatement(write: OrderWrite): SqlPart {
  const parts: { name: string; part: SqlPart }[] = [];
  const values: unknown[] = [];
  const next = () => values.length + 1;
  const after = () => `(SELECT count(*) FROM ${parts.at(-1)!.name}) >= 0`;
  const add = (name: string, part: SqlPart) => {
    parts.push({ name, part });
    values.push(...part.values);
  };

  add(
    'appended',
    appendEventsStatement(write.orderId, write.expectedVersion, write.events, next()),
  );
  if (write.outbox.length > 0)
    add(
      'published',
      outboxInsertStatement(write.outbox, {
        registry: eventRegistry,
        firstParameter: next(),
        where: after(),
      }),
    );
  add('saga', saveSagaStatement(write.saga, next(), after()));
  if (write.placement) add('placement', insertPlacementStatement(write.placement, next(), after()));

  const ctes = parts.map(({ name, part }) => `${name} AS (${part.sql} RETURNING 1)`).join(',\n');
  return { sql: `WITH ${ctes}\nSELECT count(*) FROM ${parts.at(-1)!.name}`, values };
}

/**
 * Runs the write on `db` (the pool: one implicit transaction; or a client inside the caller's
 * transaction). Throws OrderConcurrencyError when another writer appended that version first,
 * PlacementTakenError when the key placed another order meanwhile; nothing is written then.
 */
export async function writeOrder(db: Queryable, write: OrderWrite): Promise<void> {
  if (write.events.length === 0) return;
  const statement = orderWriteStatement(write);
  try {
    await db.query(statement.sql, statement.values);
  } catch (error) {
    if (isLostAppendRace(error))
      throw new OrderConcurrencyError(write.orderId, write.expectedVersion);
    if (write.placement && isPlacementTaken(error))
      throw new PlacementTakenError('the key placed another order meanwhile');
    throw error;
  }
}
