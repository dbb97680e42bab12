/** Reads the events the catalog appended to its outbox (services/catalog/test), oldest first. */
import type { EventEnvelope } from '@bazaar/generated/events/types';
import type pg from 'pg';

export async function outboxEvents(
  pool: pg.Pool,
  filter: { partitionKey?: string; eventType?: string } = {},
): Promise<EventEnvelope[]> {
  const result = await pool.query<{ message: EventEnvelope }>(
    `SELECT message FROM platform.outbox
      WHERE ($1::text IS NULL OR partition_key = $1) AND ($2::text IS NULL OR event_type = $2)
      ORDER BY position`,
    [filter.partitionKey ?? null, filter.eventType ?? null],
  );
  return result.rows.map((row) => row.message);
}
