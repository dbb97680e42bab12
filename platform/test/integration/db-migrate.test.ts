/**
 * The migrator against a real PostgreSQL: databases are created on demand exactly once, the
 * platform set runs before a service's own NNNN_name.sql files, and concurrent runs apply each
 * migration once.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, migrate, withDatabaseName } from '../../src/db';
import { DEFAULT_TEST_SERVER_URL, dropDatabase, testDatabaseName } from '../../src/testing';

jest.setTimeout(30_000);

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map((name) => dropDatabase(DEFAULT_TEST_SERVER_URL, name)));
});

function freshDatabaseUrl(): string {
  const name = testDatabaseName('db-migrate');
  created.push(name);
  return withDatabaseName(DEFAULT_TEST_SERVER_URL, name);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function serviceMigrations(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bazaar-migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(path.join(dir, name), sql);
  return dir;
}

describe('ensureDatabase', () => {
  it('creates a missing database exactly once when ten callers race', async () => {
    const url = freshDatabaseUrl();
    const results = await Promise.all(Array.from({ length: 10 }, () => ensureDatabase(url)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await query(url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });
});

describe('migrate', () => {
  it('creates the platform tables and records them in platform.migrations', async () => {
    const url = freshDatabaseUrl();
    await ensureDatabase(url);
    const result = await migrate({ databaseUrl: url });
    expect(result.platform).toEqual([
      '0001_outbox',
      '0002_inbox',
      '0003_idempotency_keys',
      '0004_broker_bindings',
      '0005_outbox_claim',
    ]);
    const tables = await query<{ table_name: string }>(
      url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'platform' ORDER BY 1",
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'broker_bindings',
      'idempotency_keys',
      'inbox',
      'migrations',
      'outbox',
    ]);
  });

  it("runs a service's migrations after the platform set, and only once", async () => {
    const url = freshDatabaseUrl();
    await ensureDatabase(url);
    const dir = serviceMigrations({
      '0001_widgets.sql': 'CREATE TABLE widgets (id int PRIMARY KEY);',
      '0002_widget_names.sql': 'ALTER TABLE widgets ADD COLUMN name text;',
    });
    const first = await migrate({ databaseUrl: url, serviceMigrationsDir: dir });
    const second = await migrate({ databaseUrl: url, serviceMigrationsDir: dir });
    expect(first.service).toEqual(['0001_widgets', '0002_widget_names']);
    expect(second).toEqual({ platform: [], service: [] });
    const runs = await query<{ name: string }>(
      url,
      'SELECT name FROM public.pgmigrations ORDER BY id',
    );
    expect(runs.map((r) => r.name)).toEqual(['0001_widgets', '0002_widget_names']);
  });

  it('applies each migration once when five instances start together', async () => {
    const url = freshDatabaseUrl();
    await ensureDatabase(url);
    const dir = serviceMigrations({ '0001_counter.sql': 'CREATE TABLE counter (n int);' });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => migrate({ databaseUrl: url, serviceMigrationsDir: dir })),
    );
    expect(results.flatMap((r) => r.service)).toEqual(['0001_counter']);
    expect(results.flatMap((r) => r.platform)).toHaveLength(5);
  });

  it('rolls a failing migration back so nothing of it remains', async () => {
    const url = freshDatabaseUrl();
    await ensureDatabase(url);
    const dir = serviceMigrations({
      '0001_ok.sql': 'CREATE TABLE ok_table (id int);',
      '0002_broken.sql': 'CREATE TABLE half_done (id int); SELECT no_such_column FROM ok_table;',
    });
    const errors: string[] = [];
    const log = {
      info: () => undefined,
      warn: () => undefined,
      error: (m: string) => errors.push(m),
    };
    await expect(migrate({ databaseUrl: url, serviceMigrationsDir: dir, log })).rejects.toThrow(
      /no_such_column/,
    );
    expect(errors.join('\n')).toMatch(/no_such_column/);
    const tables = await query<{ table_name: string }>(
      url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('ok_table', 'half_done')",
    );
    expect(tables).toEqual([]);
  });

  it('refuses a migrations folder holding a file that is not NNNN_name.sql', async () => {
    const url = freshDatabaseUrl();
    await ensureDatabase(url);
    const dir = serviceMigrations({ '0001_ok.sql': 'SELECT 1;', 'seed.js': 'module.exports = {}' });
    await expect(migrate({ databaseUrl: url, serviceMigrationsDir: dir })).rejects.toThrow(
      /seed\.js must be named NNNN_lower_snake_name\.sql/,
    );
  });
});
