/**
 * `npx tsx services/identity/src/cli/create-admin.ts --email … (--password … | --password-stdin)`:
 * makes an account an admin in the identity database, creating it if the email is new (its
 * user.registered event goes to the outbox, and the running service publishes it). Works whether
 * or not an admin exists already. Exit codes: 0 done, 2 bad arguments, 1 any other failure.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createPool, ensureDatabase, migrate } from '@bazaar/platform/db/index';
import { createMetricsRegistry } from '@bazaar/platform/telemetry/index';
import { PasswordHasher } from '../credentials/password-hasher';
import { InvalidFieldError } from '../domain/invalid-field.error';
import { createIdentityMetrics } from '../identity.metrics';
import { IDENTITY_MIGRATIONS_DIR } from '../service';
import { ensureAdmin, type EnsureAdminOutcome } from '../use-cases/ensure-admin';
import { loadCliConfig } from './cli-environment';

const USAGE = `usage: npx tsx services/identity/src/cli/create-admin.ts --email <address> [--password <password> | --password-stdin] [--display-name <name>]

Makes <address> an admin: creates the account (password required) or promotes an existing one
(its password is kept). Reads IDENTITY_DATABASE_URL and the IDENTITY_PASSWORD_HASH_* variables.`;

const FLAG_OF_FIELD: Record<string, string> = {
  email: '--email',
  password: '--password',
  displayName: '--display-name',
};

class UsageError extends Error {}

interface Arguments {
  email: string;
  password?: string;
  displayName: string;
}

function parseArguments(argv: string[], readStdin: () => string): Arguments {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        password: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        'display-name': { type: 'string', default: 'Bazaar admin' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) throw new UsageError('');
  if (!values.email) throw new UsageError('--email is required');
  if (values.password !== undefined && values['password-stdin'])
    throw new UsageError('give --password or --password-stdin, not both');
  // One trailing newline is what `echo` or a here-string adds; anything else belongs to the password.
  const password = values['password-stdin'] ? readStdin().replace(/\r?\n$/, '') : values.password;
  return {
    email: values.email,
    displayName: values['display-name'],
    ...(password !== undefined ? { password } : {}),
  };
}

function describe(result: EnsureAdminOutcome, email: string): string {
  switch (result.outcome) {
    case 'created':
      return `created admin account ${email} (id ${result.userId})`;
    case 'promoted':
      return `promoted existing account ${email} (id ${result.userId}) to admin; its password was not changed`;
    case 'already-admin':
      return `${email} (id ${result.userId}) is already an admin; nothing changed`;
    case 'admin-exists':
      return 'an admin exists already; nothing changed';
  }
}

async function main(): Promise<number> {
  let args: Arguments;
  try {
    args = parseArguments(process.argv.slice(2), () => readFileSync(0, 'utf8'));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    if (err.message) console.error(`create-admin: ${err.message}`);
    console.error(USAGE);
    return 2;
  }
  const config = loadCliConfig();
  await ensureDatabase(config.databaseUrl);
  await migrate({ databaseUrl: config.databaseUrl, serviceMigrationsDir: IDENTITY_MIGRATIONS_DIR });
  const pool = createPool(config.databaseUrl, { applicationName: 'identity:create-admin', max: 2 });
  try {
    const hasher = await PasswordHasher.create({
      memoryKib: config.passwordHashMemoryKib,
      iterations: config.passwordHashIterations,
      parallelism: config.passwordHashParallelism,
    });
    const metrics = createIdentityMetrics(
      createMetricsRegistry({ service: 'identity', defaultMetrics: false }),
    );
    const result = await ensureAdmin({ pool, hasher, metrics, now: () => new Date() }, args, {
      onlyIfNoAdmin: false,
    });
    console.log(`create-admin: ${describe(result, args.email.trim().toLowerCase())}`);
    return 0;
  } catch (err) {
    if (!(err instanceof InvalidFieldError)) throw err;
    console.error(`create-admin: ${FLAG_OF_FIELD[err.field] ?? err.field} ${err.reason}`);
    return 2;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`create-admin: ${(err as Error).message}`);
    process.exit(1);
  },
);
