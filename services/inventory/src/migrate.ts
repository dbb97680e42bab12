/**
 * `npm run migrate -w services/inventory`: creates the inventory database if missing and applies
 * the platform's and inventory's migrations (the service also does this at start). Reads only
 * INVENTORY_DATABASE_URL, so it runs without the service's other settings.
 */
import { defineConfig } from '@bazaar/platform/config/index';
import { ensureDatabase, migrate } from '@bazaar/platform/db/index';
import { infrastructureVariables } from '@bazaar/platform/service/index';
import { INVENTORY_MIGRATIONS_DIR } from './service';

async function main(): Promise<void> {
  const { databaseUrl } = defineConfig(
    'INVENTORY',
    infrastructureVariables({ database: 'bazaar_inventory' }),
  ).load({ INVENTORY_DATABASE_URL: process.env.INVENTORY_DATABASE_URL });
  if (!databaseUrl) throw new Error('INVENTORY_DATABASE_URL is not set and has no default');
  await ensureDatabase(databaseUrl);
  const applied = await migrate({ databaseUrl, serviceMigrationsDir: INVENTORY_MIGRATIONS_DIR });
  console.log(
    `inventory migrations: ${applied.platform.length} platform and ${applied.service.length} inventory migration(s) applied`,
  );
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
