/**
 * `npm run migrate -w @bazaar/orders`: creates the orders database if missing and applies the
 * platform's and the orders service's pending migrations, without starting the service.
 */
import { ensureDatabase, migrate } from '@bazaar/platform/db/index';
import { ORDERS_MIGRATIONS_DIR } from '../service';
import { loadCliConfig } from './cli-environment';

async function main(): Promise<void> {
  const { databaseUrl } = loadCliConfig();
  await ensureDatabase(databaseUrl);
  const applied = await migrate({ databaseUrl, serviceMigrationsDir: ORDERS_MIGRATIONS_DIR });
  process.stdout.write(
    `orders: ${applied.platform.length} platform and ${applied.service.length} orders migrations applied\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`orders migrate failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
