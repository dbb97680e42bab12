/**
 * `make dev`: runs the platform locally. The Makefile has already installed dependencies, checked
 * the servers, made the development keys and generated the code; this builds the docs portal if
 * it is stale, starts every service as its own process (each creates and migrates its database on
 * start), the docs server and the gateway on :8000, seeds demo data, prints the URLs, and stops
 * everything gracefully on Ctrl-C. A service variable set in the environment of `make dev` (e.g.
 * `ORDERS_RESERVATION_TTL_SECONDS=120 make dev`) is passed to that service.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE } from '../dev-keys/make-dev-keys';
import { launchPlatform, serviceExists } from './launch-platform';
import { PLATFORM_SERVICES, type PlatformService } from './platform-services';
import { DEMO_CUSTOMER, seedDemo } from './seed-demo';

const ROOT = path.resolve(__dirname, '../..');
const LOG_DIR = path.join(ROOT, '.tmp/dev-logs');
const DOCS_DIR = path.join(ROOT, 'gateway/docs-portal/dist');
const ADMIN_FILE = path.join(ROOT, '.dev-keys/dev-admin.json');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** The development admin: created once (identity's bootstrap) and kept with the dev keys. */
function devAdmin(): { email: string; password: string } {
  if (existsSync(ADMIN_FILE))
    return JSON.parse(readFileSync(ADMIN_FILE, 'utf8')) as { email: string; password: string };
  const admin = { email: 'admin@bazaar.local', password: randomBytes(12).toString('base64url') };
  writeFileSync(ADMIN_FILE, JSON.stringify(admin, null, 2), { mode: 0o600 });
  return admin;
}

function newestMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }, 0);
}

function buildDocsIfStale(): void {
  const index = path.join(DOCS_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs > newestMtime(path.join(ROOT, 'contracts')))
    return;
  console.log('building the docs portal (make docs)…');
  execFileSync(TSX, [path.join(ROOT, 'gateway/docs-portal/build-docs.ts')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

async function startDocsServer(): Promise<ChildProcess> {
  const child = spawn(
    TSX,
    [path.join(ROOT, 'gateway/docs-portal/serve-docs.ts'), '--port', '8090'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error('the docs server exited; see the message above');
    try {
      if ((await fetch('http://127.0.0.1:8090/docs/')).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the docs server did not start on :8090');
}

/** `<PREFIX>_*` variables of the developer's environment, per service, without the prefix. */
function variablesFromEnvironment(
  services: PlatformService[],
): Record<string, Record<string, string>> {
  const chosen: Record<string, Record<string, string>> = {};
  for (const service of services) {
    for (const [name, value] of Object.entries(process.env)) {
      if (value === undefined || !name.startsWith(`${service.prefix}_`)) continue;
      (chosen[service.name] ??= {})[name.slice(service.prefix.length + 1)] = value;
    }
  }
  return chosen;
}

async function main(): Promise<void> {
  mkdirSync(LOG_DIR, { recursive: true });
  const admin = devAdmin();
  buildDocsIfStale();
  const runnable = PLATFORM_SERVICES.filter((s) => serviceExists(s.name));
  const services = runnable.map((s) => s.name);
  const env = variablesFromEnvironment(runnable);
  console.log(
    `starting ${services.join(', ')} (logs in ${path.relative(ROOT, LOG_DIR)}/<service>.log)…`,
  );
  for (const [service, variables] of Object.entries(env))
    console.log(`  ${service}: ${Object.keys(variables).join(', ')} from your environment`);
  const docs = await startDocsServer();
  const platform = await launchPlatform({
    mode: 'dev',
    keys: { privateKeyFile: PRIVATE_KEY_FILE, publicKeyPem: readFileSync(PUBLIC_KEY_FILE, 'utf8') },
    bootstrapAdmin: admin,
    gatewayListen: '127.0.0.1:8000',
    gatewayStatusListen: '127.0.0.1:8100',
    logDir: LOG_DIR,
    env,
  }).catch((error: unknown) => {
    docs.kill('SIGTERM');
    throw error;
  });
  const seeded = await seedDemo(platform.gateway.url, admin, services.includes('inventory'));

  const rows = [...platform.services.values()].map(
    (s) => `  ${s.name.padEnd(14)} ${s.url}   (log: .tmp/dev-logs/${s.name}.log)`,
  );
  const mug = seeded.productIds['MUG-BLUE-01'];
  const ordering =
    services.includes('orders') && mug
      ? `
  # place an order (stock is reserved) and pay it with the simulator's test card
  ORDER=$(curl -s http://localhost:8000/api/v1/orders -H "Authorization: Bearer $TOKEN" \\
    -H 'Content-Type: application/json' -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \\
    -d '{"items":[{"productId":"${mug}","quantity":1}]}' | sed 's/^{"id":"\\([^"]*\\)".*/\\1/')
  curl -s http://localhost:8000/api/v1/orders/$ORDER/pay -H "Authorization: Bearer $TOKEN" \\
    -H 'Content-Type: application/json' -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \\
    -d '{"paymentMethod":{"type":"card","token":"tok_visa"}}'
  curl -s http://localhost:8000/api/v1/orders -H "Authorization: Bearer $TOKEN"
`
      : '';
  console.log(`
Bazaar is running.

  Gateway (the API)   http://localhost:8000/api/v1/...
  Docs portal         http://localhost:8000/docs/
  Gateway metrics     http://localhost:8100/metrics
  RabbitMQ            amqp://guest:guest@127.0.0.1:5672

Services (behind the gateway; call them through it):
${rows.join('\n')}

Accounts:
  admin     ${admin.email} / ${admin.password}   (kept in .dev-keys/dev-admin.json)
  customer  ${DEMO_CUSTOMER.email} / ${DEMO_CUSTOMER.password}
${seeded.notes.length ? `\nSeeded: ${seeded.notes.join(', ')}` : ''}
Try:
  curl -s http://localhost:8000/api/v1/products | head -c 400
  TOKEN=$(curl -s http://localhost:8000/api/v1/auth/login -H 'Content-Type: application/json' \\
    -d '{"email":"${DEMO_CUSTOMER.email}","password":"${DEMO_CUSTOMER.password}"}' | sed 's/.*"accessToken":"\\([^"]*\\)".*/\\1/')
  curl -s http://localhost:8000/api/v1/cart -H "Authorization: Bearer $TOKEN"
${ordering}
Ctrl-C stops everything.`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the gateway and the services…`);
    docs.kill('SIGTERM');
    platform.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`make dev: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
