/**
 * Appends events to the transactional outbox (platform/src/events; architecture §6), inside the
 * same transaction as the state change they report. Each event is validated against its schema
 * first, and the trace context of the producing request is stored with it for the relay.
 *
 * Order per partition key: `platform.outbox` assigns positions in a trigger AFTER taking a
 * transaction-scoped advisory lock on the partition key (migration 0001). A second transaction
 * appending to the same key therefore waits until the first commits or rolls back, so within a
 * key position order is commit order, and the relay never sees a later event of a key before an
 * earlier, still-uncommitted one. Cost: concurrent writers of ONE aggregate are serialised from
 * their append to their commit (they usually are anyway, by the aggregate's own row or version).
 */
import type pg from 'pg';
import type { EventEnvelope, EventRegistry } from './envelope';
import { eventHeaders } from './amqp-message';

/** Advisory-lock namespace of appends ('BZOA'); migration 0001 uses the same number. */
export const OUTBOX_APPEND_LOCK_NAMESPACE = 1_113_214_785;

export class OutboxValidationError extends Error {
  override name = 'OutboxValidationError';
  constructor(
    readonly eventType: string,
    readonly reason: string,
    readonly errors: readonly string[],
  ) {
    super(`event ${eventType} is not valid (${reason}): ${errors.join('; ')}`);
  }
}

export interface AppendToOutboxOptions {
  /** Validates each envelope against its AsyncAPI schema before it is written. */
  registry: EventRegistry;
}

/** Throws OutboxValidationError naming the first event that does not match its schema. */
function validateForOutbox(events: readonly EventEnvelope[], registry: EventRegistry): void {
  for (const event of events) {
    const result = registry.validate(event);
    if (!result.ok) {
      const type = typeof event?.eventType === 'string' ? event.eventType : '(no eventType)';
      throw new OutboxValidationError(type, result.reason, result.errors);
    }
  }
}

/** The INSERT of `events` taking its five arrays from $first…$first+4; `where` guards the rows. */
function outboxInsert(
  events: readonly EventEnvelope[],
  first: number,
  where?: string,
): { sql: string; values: unknown[] } {
  const p = (i: number) => `$${first + i}`;
  return {
    sql: `INSERT INTO platform.outbox (event_id, event_type, partition_key, message, headers)
     SELECT event_id, event_type, partition_key, message, headers
       FROM unnest(${p(0)}::uuid[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::json[], ${p(4)}::jsonb[])
            WITH ORDINALITY AS e(event_id, event_type, partition_key, message, headers, n)
      ${where ? `WHERE ${where}` : ''}
      ORDER BY n`,
    values: [
      events.map((e) => e.eventId),
      events.map((e) => e.eventType),
      events.map((e) => e.partitionKey),
      events.map((e) => JSON.stringify(e)),
      events.map((e) => JSON.stringify(eventHeaders(e))),
    ],
  };
}

/**
 * Writes `events` to the outbox through `tx` (a client inside the caller's open transaction), in
 * the given order. Throws OutboxValidationError, writing nothing, when any event is invalid.
 */
export async function appendToOutbox(
  tx: pg.ClientBase,
  events: readonly EventEnvelope[],
  options: AppendToOutboxOptions,
): Promise<void> {
  if (events.length === 0) return;
  validateForOutbox(events, options.registry);
  // Lock every partition of this batch in one fixed order first, so two transactions appending
  // to the same partitions in different orders do not deadlock on the trigger's locks. With one
  // partition the trigger's own lock is all there is (and saves a round trip).
  const partitions = new Set(events.map((e) => e.partitionKey));
  if (partitions.size > 1) {
    await tx.query(
      `SELECT pg_advisory_xact_lock(${OUTBOX_APPEND_LOCK_NAMESPACE}, h)
       FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($1::text[]) AS k ORDER BY 1) AS keys`,
      [[...partitions]],
    );
  }
  const insert = outboxInsert(events, 1);
  await tx.query(insert.sql, insert.values);
}

export interface OutboxInsertStatementOptions extends AppendToOutboxOptions {
  /** Number of the statement's first parameter ($n) the insert may use (it takes five). */
  firstParameter: number;
  /**
   * SQL boolean the rows are filtered by, e.g. `(SELECT count(*) FROM earlier_cte) >= 0`: a
   * reference to an earlier data-modifying CTE makes that one run to completion first, so the
   * caller fixes the order in which its single statement takes its locks.
   */
  where?: string;
}

/**
 * The outbox append as a statement the caller embeds in its OWN single statement (a data-modifying
 * CTE beside its state change): one round trip and no BEGIN/COMMIT for a write that is one
 * statement anyway, with the same atomicity (a statement is a transaction) and the same
 * per-partition ordering (the trigger's advisory lock is held to the statement's commit). Events
 * are validated here, as by appendToOutbox. Only for events of ONE partition key: several keys
 * need their locks taken in order first (appendToOutbox does that), so this throws for them.
 */
export function outboxInsertStatement(
  events: readonly EventEnvelope[],
  options: OutboxInsertStatementOptions,
): { sql: string; values: unknown[] } {
  if (events.length === 0) throw new Error('outboxInsertStatement: no events');
  if (new Set(events.map((e) => e.partitionKey)).size > 1)
    throw new Error('outboxInsertStatement: events of several partition keys; use appendToOutbox');
  validateForOutbox(events, options.registry);
  return outboxInsert(events, options.firstParameter, options.where);
}
