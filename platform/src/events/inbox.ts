/**
 * The inbox (platform/src/events; architecture §6): a consumer records each eventId it handles in
 * the handler's own transaction, so a redelivered or twice-published event has no second effect.
 * The message is acknowledged only after that transaction commits.
 */
import pg from 'pg';
import { rollbackQuietly, withClient } from '../db/transaction';

export type HandleOnceResult<T> = { handled: true; result: T } | { handled: false };

/**
 * Runs `fn(tx)` unless `consumer` already handled `event.eventId`; the inbox row and fn's writes
 * commit together. A concurrent duplicate waits on the row's unique key and then sees it handled
 * (or, if the first attempt rolled back, handles it itself).
 */
export async function handleOnce<T>(
  pool: pg.Pool,
  consumer: string,
  event: { eventId: string; eventType: string },
  fn: (tx: pg.PoolClient) => Promise<T>,
): Promise<HandleOnceResult<T>> {
  return withClient(pool, async (client) => {
    try {
      // BEGIN and the inbox insert travel as one simple-protocol message (one round trip on the
      // hot path of every consumer); the values are escaped literals.
      const results = (await client.query(
        `BEGIN; INSERT INTO platform.inbox (consumer, event_id, event_type)
         VALUES (${pg.escapeLiteral(consumer)}, ${pg.escapeLiteral(event.eventId)}, ${pg.escapeLiteral(event.eventType)})
         ON CONFLICT (consumer, event_id) DO NOTHING`,
      )) as unknown as pg.QueryResult[];
      if (results[1]?.rowCount === 0) {
        await client.query('ROLLBACK');
        return { handled: false };
      }
      const result = await fn(client);
      await client.query('COMMIT');
      return { handled: true, result };
    } catch (error) {
      await rollbackQuietly(client);
      throw error;
    }
  });
}

/** Deletes inbox rows older than `olderThanMs`; a duplicate arriving later would be handled again. */
export async function purgeInbox(pool: pg.Pool, olderThanMs: number): Promise<number> {
  const result = await pool.query(
    'DELETE FROM platform.inbox WHERE handled_at < now() - make_interval(secs => $1::double precision / 1000)',
    [olderThanMs],
  );
  return result.rowCount ?? 0;
}
