/**
 * Reads what a provider's real code appended to its transactional outbox, so a message pact is
 * verified against the event the service would publish, not against a hand-written literal.
 */
import type { EventEnvelope } from '@bazaar/generated/events/types';
import type pg from 'pg';

/** The newest event of `eventType` with `partitionKey` in the pool's outbox; throws if none. */
export async function lastOutboxEvent(
  pool: pg.Pool,
  eventType: string,
  partitionKey: string,
): Promise<EventEnvelope> {
  const { rows } = await pool.query<{ message: EventEnvelope }>(
    `SELECT message FROM platform.outbox WHERE event_type = $1 AND partition_key = $2
      ORDER BY position DESC LIMIT 1`,
    [eventType, partitionKey],
  );
  if (!rows[0]) throw new Error(`the outbox holds no ${eventType} for ${partitionKey}`);
  return rows[0].message;
}
