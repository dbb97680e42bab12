/**
 * Pooled-client helpers (platform/src/db): `withClient` lends a client and always returns it to the
 * pool, and `withTransaction` runs a function inside one PostgreSQL transaction on such a client:
 * BEGIN, COMMIT on success, ROLLBACK on any error.
 */
import type pg from 'pg';

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionOptions {
  /** Default: the server's default (read committed). */
  isolationLevel?: IsolationLevel;
}

const BEGIN: Record<IsolationLevel, string> = {
  'read committed': 'BEGIN ISOLATION LEVEL READ COMMITTED',
  'repeatable read': 'BEGIN ISOLATION LEVEL REPEATABLE READ',
  serializable: 'BEGIN ISOLATION LEVEL SERIALIZABLE',
};

const brokenClients = new WeakSet<pg.PoolClient>();

/** A FATAL server error, an SQLSTATE of class 08 (connection) or 57P (shutdown), or a dead socket. */
export function isConnectionError(error: unknown): boolean {
  const e = error as { severity?: unknown; code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.severity === 'FATAL' || e.severity === 'PANIC') return true;
  if (typeof e.code === 'string' && (e.code.startsWith('08') || e.code.startsWith('57P')))
    return true;
  return (
    typeof e.message === 'string' &&
    /Connection terminated|not queryable|ECONNRESET/.test(e.message)
  );
}

/** Marks a lent client as unusable: `withClient` destroys it instead of returning it to the pool. */
export function markClientBroken(client: pg.PoolClient): void {
  brokenClients.add(client);
}

/**
 * Lends `fn` a pooled client. While lent, a server-side disconnect (restart, failover,
 * pg_terminate_backend) is caught here instead of crashing the process as an unhandled 'error'
 * event (pg-pool only listens on idle clients); such a client, or one marked broken, is destroyed
 * rather than reused.
 */
export async function withClient<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error;
  };
  client.on('error', onError);
  try {
    return await fn(client);
  } catch (error) {
    // The server's FATAL reaches the running query before the socket closes: without this the
    // client would go back to the pool still looking usable, and fail the next borrower.
    if (isConnectionError(error)) lost ??= error as Error;
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(
      lost ?? (brokenClients.has(client) ? new Error('client marked broken') : undefined),
    );
  }
}

/**
 * Calls `fn(tx)` inside a transaction and returns its result after COMMIT.
 * @example const id = await withTransaction(pool, async (tx) => { ...; return id; });
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  fn: (tx: pg.PoolClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query(options.isolationLevel ? BEGIN[options.isolationLevel] : 'BEGIN');
    try {
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await rollbackQuietly(client);
      throw error;
    }
  });
}

/** ROLLBACK, swallowing its failure: the client is then in an unknown state and marked broken. */
export async function rollbackQuietly(client: pg.PoolClient): Promise<void> {
  try {
    await client.query('ROLLBACK');
  } catch {
    markClientBroken(client);
  }
}
