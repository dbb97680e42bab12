/**
 * `npm run migrate -w @bazaar/payment`: creates the payment database if missing and applies the
 * platform's and the payment service's pending migrations, without starting the service.
 */
import { loadConfigFromProcessEnv } from '@bazaar/platform/config/index';
import { ensureDatabase, migrate } from '@bazaar/platform/db/index';
import { paymentConfig } from './config';
import { PAYMENT_MIGRATIONS_DIR } from './service';

async function main(): Promise<void> {
  const { databaseUrl } = loadConfigFromProcessEnv(paymentConfig);
  if (!databaseUrl) throw new Error('PAYMENT_DATABASE_URL is not set');
  await ensureDatabase(databaseUrl);
  const applied = await migrate({ databaseUrl, serviceMigrationsDir: PAYMENT_MIGRATIONS_DIR });
  process.stdout.write(
    `payment: ${applied.platform.length} platform and ${applied.service.length} payment migrations applied\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`payment migrate failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
