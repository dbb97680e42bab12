/**
 * Starts Bazaar's services as separate processes (as in production: one process per service) and
 * the Kong-compatible gateway in front of them, for `make dev` and the end-to-end suites. In test
 * mode every service gets free ports, its own database and its own exchange, queue and Redis
 * prefix, so suites run in parallel with each other and with `make dev`; the gateway loads the
 * real kong.yml with only its upstream ports pointed at those processes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { parse } from 'yaml';
import { renderDeckEnv } from '../../gateway/runtime/src/declarative-config/render-deck-env';
import { type RunningGateway, startGateway } from '../../gateway/runtime/src/start-gateway';
import { deleteBrokerObjects } from '../../platform/src/testing/test-broker';
import { serviceConfigDefinition } from '../lib/service-config';
import { type LaunchContext, PLATFORM_SERVICES, type PlatformService } from './platform-services';

const ROOT = path.resolve(__dirname, '../..');
const POSTGRES_URL = 'postgres://bazaar:bazaar@127.0.0.1:5432';

export interface LaunchOptions {
  mode: 'dev' | 'test';
  /** Which services (others that exist are skipped); default every one that exists. */
  services?: string[];
  /** A short name for test mode's unique names, e.g. the suite's file name. */
  suite?: string;
  keys: { privateKeyFile: string; publicKeyPem: string };
  bootstrapAdmin: { email: string; password: string };
  /** Gateway proxy listener; default 127.0.0.1:8000 in dev, 127.0.0.1:0 in test. */
  gatewayListen?: string;
  gatewayStatusListen?: string;
  /** Where each process's output goes: <logDir>/<service>.log. */
  logDir: string;
  logLevel?: string;
}

export interface RunningService {
  name: string;
  url: string;
  readyPath: string;
  process: ChildProcess;
  log: string;
}

export interface RunningPlatform {
  gateway: RunningGateway;
  services: Map<string, RunningService>;
  isolationId: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function serviceExists(name: string): boolean {
  return existsSync(path.join(ROOT, 'services', name, 'src/main.ts'));
}

/** Orders services so that each starts after what it depends on. */
function startOrder(selected: PlatformService[]): PlatformService[][] {
  const waves: PlatformService[][] = [];
  const done = new Set<string>();
  let remaining = [...selected];
  while (remaining.length > 0) {
    const wave = remaining.filter((s) =>
      s.dependsOn.every((d) => done.has(d) || !selected.some((x) => x.name === d)),
    );
    if (wave.length === 0)
      throw new Error(`circular dependsOn among ${remaining.map((s) => s.name).join(', ')}`);
    waves.push(wave);
    wave.forEach((s) => done.add(s.name));
    remaining = remaining.filter((s) => !wave.includes(s));
  }
  return waves;
}

function tailOf(file: string, lines = 25): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

async function waitUntilReady(service: RunningService, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.process.exitCode !== null) {
      throw new Error(
        `${service.name} exited with code ${service.process.exitCode}:\n${tailOf(service.log)}`,
      );
    }
    try {
      const res = await fetch(`${service.url}${service.readyPath}`, {
        signal: AbortSignal.timeout(1_000),
      });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(
    `${service.name} was not ready at ${service.url} within ${timeoutMs} ms:\n${tailOf(service.log)}`,
  );
}

function stopProcess(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** kong.yml with its decK templates rendered and, in test mode, the upstream ports replaced. */
function gatewayConfig(publicKeyPem: string, ports: Map<string, number>): unknown {
  const text = readFileSync(path.join(ROOT, 'kong/kong.yml'), 'utf8');
  const doc = parse(renderDeckEnv(text, { DECK_IDENTITY_JWT_PUBLIC_KEY: publicKeyPem.trim() })) as {
    services: { name: string; port?: number }[];
  };
  for (const service of doc.services) {
    const port = ports.get(service.name);
    if (port !== undefined) service.port = port;
  }
  return doc;
}

export async function launchPlatform(options: LaunchOptions): Promise<RunningPlatform> {
  const test = options.mode === 'test';
  const isolationId = test
    ? `e2e${(options.suite ?? 'suite')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 12)}${randomBytes(3).toString('hex')}`
    : '';
  const selected = PLATFORM_SERVICES.filter(
    (s) => serviceExists(s.name) && (!options.services || options.services.includes(s.name)),
  );
  for (const wanted of options.services ?? []) {
    if (!selected.some((s) => s.name === wanted))
      throw new Error(`no runnable service "${wanted}" (services/${wanted}/src/main.ts)`);
  }
  const httpPorts = new Map<string, number>();
  const extraPorts = new Map<string, number>();
  for (const s of selected) {
    httpPorts.set(s.name, test ? await freePort() : s.port);
    for (const [name, port] of Object.entries(s.extraPorts ?? {}))
      extraPorts.set(`${s.name}.${name}`, test ? await freePort() : port);
  }
  const context: LaunchContext = {
    mode: options.mode,
    isolationId,
    urlOf: (name) =>
      `http://127.0.0.1:${httpPorts.get(name) ?? PLATFORM_SERVICES.find((s) => s.name === name)?.port}`,
    portOf: (name, port) => extraPorts.get(`${name}.${port}`)!,
    privateKeyFile: options.keys.privateKeyFile,
    bootstrapAdmin: options.bootstrapAdmin,
  };
  mkdirSync(options.logDir, { recursive: true });
  const running = new Map<string, RunningService>();
  const databases: string[] = [];

  const stop = async (): Promise<void> => {
    await gateway?.close();
    await Promise.all([...running.values()].map((s) => stopProcess(s.process)));
    if (test) await cleanUp(isolationId, databases);
  };

  let gateway: RunningGateway | undefined;
  try {
    for (const wave of startOrder(selected)) {
      await Promise.all(
        wave.map(async (service) => {
          const definition = await serviceConfigDefinition(
            path.join(ROOT, 'services', service.name, 'src/config.ts'),
          );
          const declared = new Set(definition.entries.map((e) => e.envName));
          const generic: Record<string, string> = {
            HTTP_PORT: String(httpPorts.get(service.name)),
            HTTP_HOST: '127.0.0.1',
            LOG_LEVEL: options.logLevel ?? (test ? 'warn' : 'info'),
            JWT_PUBLIC_KEY: options.keys.publicKeyPem,
          };
          if (test) {
            const database = `bazaar_${isolationId}_${service.name.replace(/-/g, '_')}`;
            generic.DATABASE_URL = `${POSTGRES_URL}/${database}`;
            generic.EVENT_EXCHANGE = `test.${isolationId}.events`;
            generic.EVENT_QUEUE_PREFIX = `test.${isolationId}`;
            if (declared.has(`${definition.prefix}_DATABASE_URL`)) databases.push(database);
          }
          const env: Record<string, string> = {};
          for (const [suffix, value] of Object.entries(generic)) {
            if (declared.has(`${definition.prefix}_${suffix}`))
              env[`${definition.prefix}_${suffix}`] = value;
          }
          for (const [suffix, value] of Object.entries(service.env(context))) {
            const name = `${definition.prefix}_${suffix}`;
            if (!declared.has(name)) throw new Error(`${service.name} does not declare ${name}`);
            env[name] = value;
          }
          const log = path.join(options.logDir, `${service.name}.log`);
          const out = createWriteStream(log, { flags: 'a' });
          const child = spawn(
            path.join(ROOT, 'node_modules/.bin/tsx'),
            [path.join(ROOT, 'services', service.name, 'src/main.ts')],
            {
              cwd: ROOT,
              env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
              stdio: ['ignore', 'pipe', 'pipe'],
            },
          );
          child.stdout!.pipe(out);
          child.stderr!.pipe(out);
          const started: RunningService = {
            name: service.name,
            url: context.urlOf(service.name),
            readyPath: service.readyPath ?? '/health/ready',
            process: child,
            log,
          };
          running.set(service.name, started);
          await waitUntilReady(started, 90_000);
        }),
      );
    }
    gateway = await startGateway({
      config: gatewayConfig(options.keys.publicKeyPem, test ? httpPorts : new Map()),
      listen: options.gatewayListen ?? (test ? '127.0.0.1:0' : '127.0.0.1:8000'),
      ...(options.gatewayStatusListen ? { statusListen: options.gatewayStatusListen } : {}),
      logError: (message) => process.stderr.write(`gateway: ${message}\n`),
    });
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { gateway, services: running, isolationId, stop };
}

async function cleanUp(isolationId: string, databases: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: `${POSTGRES_URL}/postgres` });
  await client.connect();
  try {
    for (const database of databases)
      await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await deleteBrokerObjects('amqp://guest:guest@127.0.0.1:5672', `test.${isolationId}`).catch(
    () => undefined,
  );
}
