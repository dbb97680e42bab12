/**
 * Creates the pg connection pool a service uses for its own database (platform/src/db), with an
 * application name for pg_stat_activity and an idle-client error listener so a dropped server
 * connection is logged instead of crashing the process.
 */
import pg from 'pg';
import { parseDatabaseUrl } from './database-url';

export interface CreatePoolOptions {
  /** Shown in pg_stat_activity.application_name; use the service name. */
  applicationName?: string;
  /** Maximum open connections. Default 10. */
  max?: number;
  /** Idle connections are closed after this many ms. Default 30000 (30 s). */
  idleTimeoutMillis?: number;
  /** Waiting for a free connection fails after this many ms. Default 10000 (10 s). */
  connectionTimeoutMillis?: number;
  /** Called when an idle client loses its server connection; default: written to stderr. */
  onIdleClientError?: (error: Error) => void;
}

/** A pg.Pool for `url`; the caller ends it with `pool.end()` on shutdown. */
export function createPool(url: string, options: CreatePoolOptions = {}): pg.Pool {
  parseDatabaseUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    application_name: options.applicationName,
    max: options.max ?? 10,
    idleTimeoutMillis: options.idleTimeoutMillis ?? 30_000,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
  });
  // Without a listener, an idle client's socket error is an uncaught 'error' event.
  pool.on(
    'error',
    options.onIdleClientError ??
      ((error) => process.stderr.write(`pg pool: idle client error: ${error.message}\n`)),
  );
  return pool;
}
