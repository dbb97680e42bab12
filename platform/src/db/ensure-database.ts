/**
 * Creates a service's own database on demand (architecture §3: one database per service) by
 * connecting to the server's `postgres` maintenance database; safe when several processes start at
 * once.
 */
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { databaseNameOf, withDatabaseName } from './database-url';

/** SQLSTATEs meaning "another session created it first" (the catalog insert can lose the race). */
const ALREADY_EXISTS = new Set(['42P04', '23505']);
/** "source database template1 is being accessed by other users": transient, retry. */
const TEMPLATE_BUSY = '55006';

export interface EnsureDatabaseOptions {
  /** Database to connect to for CREATE DATABASE. Default `postgres`. */
  maintenanceDatabase?: string;
  /** Attempts while template1 is busy. Default 5. */
  attempts?: number;
}

/** Creates the database `url` names unless it exists; returns true when this call created it. */
export async function ensureDatabase(
  url: string,
  options: EnsureDatabaseOptions = {},
): Promise<boolean> {
  const name = databaseNameOf(url);
  const client = new pg.Client({
    connectionString: withDatabaseName(url, options.maintenanceDatabase ?? 'postgres'),
  });
  await client.connect();
  try {
    const attempts = options.attempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount) return false;
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
        return true;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code && ALREADY_EXISTS.has(code)) return false;
        if (code !== TEMPLATE_BUSY || attempt >= attempts) throw error;
        await delay(50 * attempt);
      }
    }
  } finally {
    await client.end();
  }
}
