/**
 * `npm run migrate -w services/identity`: creates the identity database if missing and applies the
 * platform's and identity's migrations (the service also does this at start).
 */
import { ensureDatabase, migrate } from '@bazaar/platform/db/index';
import { IDENTITY_MIGRATIONS_DIR } from '../service';
import { loadCliConfig } from './cli-environment';

async function main(): Promise<void> {
  const { databaseUrl } = loadCliConfig();
  await ensureDatabase(databaseUrl);
  const applied = await migrate({ databaseUrl, serviceMigrationsDir: IDENTITY_MIGRATIONS_DIR });
  console.log(
    `identity migrations: ${applied.platform.length} platform and ${applied.service.length} identity migration(s) applied`,
  );
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
