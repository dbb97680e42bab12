/**
 * `npm run migrate -w @bazaar/cart`: creates the cart database if missing and applies the
 * platform's and the cart's pending migrations, without starting the service.
 */
import { loadConfigFromProcessEnv } from '@bazaar/platform/config/index';
import { ensureDatabase, migrate } from '@bazaar/platform/db/index';
import { cartConfig } from './config';
import { CART_MIGRATIONS_DIR } from './service';

async function main(): Promise<void> {
  const { databaseUrl } = loadConfigFromProcessEnv(cartConfig);
  if (!databaseUrl) throw new Error('CART_DATABASE_URL is not set');
  await ensureDatabase(databaseUrl);
  const applied = await migrate({ databaseUrl, serviceMigrationsDir: CART_MIGRATIONS_DIR });
  process.stdout.write(
    `cart: ${applied.platform.length} platform and ${applied.service.length} cart migrations applied\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`cart migrate failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
