/** `npm run migrate -w @bazaar/catalog`: creates bazaar_catalog if missing and applies every migration. */
import { ensureDatabase, migrate } from '@bazaar/platform/db/index';
import { loadConfigFromProcessEnv } from '@bazaar/platform/config/index';
import { catalogConfig } from '../config';
import { CATALOG_MIGRATIONS_DIR } from '../service';

async function main(): Promise<void> {
  const { databaseUrl } = loadConfigFromProcessEnv(catalogConfig);
  if (databaseUrl === undefined) throw new Error('CATALOG_DATABASE_URL is not declared');
  await ensureDatabase(databaseUrl);
  const applied = await migrate({ databaseUrl, serviceMigrationsDir: CATALOG_MIGRATIONS_DIR });
  process.stdout.write(
    `catalog: ${applied.platform.length} platform and ${applied.service.length} catalog migrations applied\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`catalog migrate failed: ${(err as Error).message}\n`);
  process.exit(1);
});
