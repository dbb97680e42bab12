/**
 * Runs the REAL catalog service (its own main.ts, configured through CATALOG_* variables as in
 * production) in a child process for a cart integration suite: its own database, Redis key
 * prefix and port, on the suite's exchange and queue prefix. Cart then talks to the catalog over
 * HTTP and receives the catalog's own events; a separate process, as in production, also keeps
 * each service's global telemetry to itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { waitFor, createTestDatabase, type TestBroker } from '@bazaar/platform/testing/index';

const ROOT = path.resolve(__dirname, '../../../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CATALOG_MAIN = path.join(ROOT, 'services/catalog/src/main.ts');

export interface RealCatalog {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

export async function startRealCatalog(options: {
  suite: string;
  broker: TestBroker;
  jwtPublicKey: string;
}): Promise<RealCatalog> {
  const database = await createTestDatabase(`${options.suite}-catalog`, { migrate: false });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('CATALOG_')),
  );
  let stderr = '';
  const child = spawn(TSX, [CATALOG_MAIN], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...env,
      CATALOG_HTTP_HOST: '127.0.0.1',
      CATALOG_HTTP_PORT: String(port),
      CATALOG_LOG_LEVEL: 'warn',
      CATALOG_JWT_PUBLIC_KEY: options.jwtPublicKey,
      CATALOG_DATABASE_URL: database.url,
      CATALOG_AMQP_URL: options.broker.url,
      CATALOG_EVENT_RETRY_DELAYS_MS: '50,100',
      CATALOG_REDIS_KEY_PREFIX: `test:${options.suite}:${randomBytes(4).toString('hex')}:`,
      CATALOG_PRODUCT_CACHE_TTL_SECONDS: '60',
      CATALOG_EVENT_EXCHANGE: options.broker.exchange,
      CATALOG_EVENT_QUEUE_PREFIX: options.broker.queuePrefix,
    },
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-8_000);
  });
  const exit = exited(child);
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exit;
    }
    await database.drop();
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`catalog exited with ${child.exitCode}`);
        const response = await fetch(`${url}/health/ready`).catch(() => undefined);
        return response?.status === 200;
      },
      { timeoutMs: 90_000, intervalMs: 200, description: 'the real catalog to be ready' },
    );
  } catch (error) {
    await stop();
    throw new Error(`the real catalog did not start: ${(error as Error).message}\n${stderr}`);
  }
  return { url, stop };
}
