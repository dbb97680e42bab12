/**
 * Runs a service's forward-only SQL migrations with node-pg-migrate (platform/src/db): first the
 * platform's own set (outbox, inbox, idempotency keys, broker bindings, tracked in
 * `platform.migrations`), then `services/<svc>/migrations/NNNN_name.sql` (tracked in
 * `public.pgmigrations`).
 *
 * node-pg-migrate's SQL loader runs a whole .sql file as the up migration unless it carries
 * `-- Up Migration` / `-- Down Migration` markers; we only ever migrate up. Its advisory lock is
 * taken in `wait` mode, so instances starting together run the migrations once, one after another.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { runner } from 'node-pg-migrate';
import { parseDatabaseUrl } from './database-url';

/** Where the platform's own migrations live; every service runs them first. */
export const PLATFORM_MIGRATIONS_DIR = path.join(__dirname, 'platform-migrations');

const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/;

export interface MigrationLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface MigrateOptions {
  databaseUrl: string;
  /** `services/<svc>/migrations`: `NNNN_name.sql` files, run after the platform set. */
  serviceMigrationsDir?: string;
  /** node-pg-migrate's progress lines; default: silent except errors on stderr. */
  log?: MigrationLogger;
}

export interface MigrateResult {
  /** Names of the platform migrations this call ran (empty when up to date). */
  platform: string[];
  /** Names of the service migrations this call ran. */
  service: string[];
}

const quietLog: MigrationLogger = {
  info: () => undefined,
  warn: (message) => process.stderr.write(`migrate: ${message}\n`),
  error: (message) => process.stderr.write(`migrate: ${message}\n`),
};

/**
 * Lists a migrations folder and refuses anything that is not `NNNN_name.sql` (a stray file would
 * otherwise be run or skipped silently) or that reuses a number.
 */
export function checkMigrationsDir(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
  const seen = new Map<string, string>();
  for (const file of files) {
    if (!MIGRATION_FILE.test(file)) {
      throw new Error(
        `migration file ${path.join(dir, file)} must be named NNNN_lower_snake_name.sql`,
      );
    }
    const number = file.slice(0, 4);
    const other = seen.get(number);
    if (other) throw new Error(`migrations ${other} and ${file} in ${dir} share number ${number}`);
    seen.set(number, file);
  }
  return files.sort();
}

/** Applies every pending platform migration, then every pending service migration. */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  parseDatabaseUrl(options.databaseUrl);
  const log = options.log ?? quietLog;
  const logger = { info: log.info, warn: log.warn, error: log.error, debug: () => undefined };
  const common = {
    databaseUrl: options.databaseUrl,
    direction: 'up' as const,
    checkOrder: true,
    singleTransaction: true,
    advisoryLockMode: 'wait' as const,
    logger,
  };

  checkMigrationsDir(PLATFORM_MIGRATIONS_DIR);
  const platform = await runner({
    ...common,
    dir: PLATFORM_MIGRATIONS_DIR,
    migrationsSchema: 'platform',
    migrationsTable: 'migrations',
    createMigrationsSchema: true,
  });

  let service: { name: string }[] = [];
  if (options.serviceMigrationsDir) {
    checkMigrationsDir(options.serviceMigrationsDir);
    service = await runner({
      ...common,
      dir: options.serviceMigrationsDir,
      migrationsTable: 'pgmigrations',
    });
  }
  return { platform: platform.map((m) => m.name), service: service.map((m) => m.name) };
}
