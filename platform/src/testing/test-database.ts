/**
 * Gives an integration suite its own freshly migrated PostgreSQL database and drops it afterwards
 * (platform/src/testing), so suites run in parallel without seeing each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDatabaseName } from '../db/database-url';
import { ensureDatabase } from '../db/ensure-database';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';

/** The local server every helper shares (tools/infra/ensure-servers.sh); override per call. */
export const DEFAULT_TEST_SERVER_URL = 'postgres://bazaar:bazaar@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  /** A pool on the test database (ended by `drop`). */
  pool: pg.Pool;
  /** Ends the pool and drops the database, disconnecting anyone still attached. */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** Any URL on the target server; only its credentials and host are used. */
  serverUrl?: string;
  /** A service's migrations folder, run after the platform set. */
  serviceMigrationsDir?: string;
  /** Skip all migrations (to test the migrator itself). Default false. */
  migrate?: boolean;
}

/** `t_<suite>_<random>`, lower-case, within PostgreSQL's 63-byte identifier limit. */
export function testDatabaseName(suiteName: string): string {
  const suite = suiteName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 40);
  return `t_${suite}_${randomBytes(5).toString('hex')}`;
}

/** Creates and migrates a database unique to this suite; call `drop()` in `afterAll`. */
export async function createTestDatabase(
  suiteName: string,
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? DEFAULT_TEST_SERVER_URL;
  const name = testDatabaseName(suiteName);
  const url = withDatabaseName(serverUrl, name);
  await ensureDatabase(url);
  if (options.migrate !== false) {
    await migrate({ databaseUrl: url, serviceMigrationsDir: options.serviceMigrationsDir });
  }
  const pool = createPool(url, { applicationName: `test:${suiteName}`, max: 20 });
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end();
      await dropDatabase(serverUrl, name);
    },
  };
}

/** Drops a database even if connections remain (PostgreSQL 13+ `WITH (FORCE)`). */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabaseName(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
