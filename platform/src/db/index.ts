/** Public surface of platform/src/db: pools, on-demand databases, migrations, transactions. */
export { createPool, type CreatePoolOptions } from './pool';
export { ensureDatabase, type EnsureDatabaseOptions } from './ensure-database';
export { databaseNameOf, parseDatabaseUrl, withDatabaseName } from './database-url';
export {
  migrate,
  checkMigrationsDir,
  PLATFORM_MIGRATIONS_DIR,
  type MigrateOptions,
  type MigrateResult,
  type MigrationLogger,
} from './migrate';
export {
  withClient,
  withTransaction,
  isConnectionError,
  markClientBroken,
  rollbackQuietly,
  type IsolationLevel,
  type TransactionOptions,
} from './transaction';
