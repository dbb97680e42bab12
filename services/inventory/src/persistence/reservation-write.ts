/**
 * A new reservation's writes as ONE statement inside the ReserveStock transaction: the reservation
 * and its items, the stock rows' change and (when they share one partition key) the events for
 * the outbox, as data-modifying CTEs: one round trip where there were four. Each CTE is guarded
 * by `(SELECT count(*) FROM <the one before>) >= 0`, which runs the one before to completion
 * first, so the outbox's append lock is still taken after every stock row change, as the locking
 * rule of stock.repository.ts asks (the rows themselves were locked earlier, in product order).
 */
import { eventRegistry } from '@bazaar/generated/events/registry';
import { outboxInsertStatement, type EventEnvelope } from '@bazaar/platform/events/index';
import type { Reservation } from '../domain/reservation';
import type { Db } from './db';
import { insertReservationCtes } from './reservation.repository';
import { stockChangesCte, type StockChange } from './stock.repository';

/**
 * Writes the reservation, applies `changes` to rows the caller has locked, and appends `events`
 * unless they span several partition keys (then it returns false and the caller appends them
 * itself, after this). Throws when a stock row did not change (the caller's lock says it exists).
 */
export async function writeReservation(
  tx: Db,
  input: {
    reservation: Reservation;
    changes: readonly StockChange[];
    now: Date;
    events: readonly EventEnvelope[];
  },
): Promise<{ eventsAppended: boolean }> {
  const values: unknown[] = [];
  const add = (part: { sql: string; values: unknown[] }) => {
    values.push(...part.values);
    return part.sql;
  };
  const ctes = [add(insertReservationCtes(input.reservation, 1))];
  ctes.push(
    add(
      stockChangesCte(
        input.changes,
        input.now,
        values.length + 1,
        '(SELECT count(*) FROM reservation_items) >= 0',
      ),
    ),
  );
  const onePartition =
    input.events.length > 0 && new Set(input.events.map((e) => e.partitionKey)).size === 1;
  if (onePartition) {
    const outbox = outboxInsertStatement(input.events, {
      registry: eventRegistry,
      firstParameter: values.length + 1,
      where: '(SELECT count(*) FROM stock_changes) >= 0',
    });
    ctes.push(`outbox AS (${add(outbox)} RETURNING 1)`);
  }
  const { rows } = await tx.query<{ changed: string }>(
    `WITH ${ctes.join(',\n')}
     SELECT (SELECT count(*) FROM stock_changes) AS changed${onePartition ? ', (SELECT count(*) FROM outbox) AS appended' : ''}`,
    values,
  );
  const changed = Number(rows[0]?.changed ?? 0);
  if (changed !== input.changes.length)
    throw new Error(`expected to change ${input.changes.length} stock rows, changed ${changed}`);
  return { eventsAppended: onePartition };
}
