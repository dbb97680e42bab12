/** Reads the events payment appended to its outbox (services/payment/test/contract). */
import type { EventEnvelope } from '@bazaar/generated/events/types';
import type pg from 'pg';

/** The newest event of `eventType` with `partitionKey` (payment's: the order id); throws if none. */
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
  if (!rows[0]) throw new Error(`payment wrote no ${eventType} for ${partitionKey}`);
  return rows[0].message;
}
