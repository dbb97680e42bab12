/**
 * Starts Bazaar's services as separate processes (as in production: one process per service) and
 * the Kong-compatible gateway in front of them, for `make dev` and the end-to-end suites. In test
 * mode every service gets free ports, its own database and its own exchange, queue and Redis
 * prefix, so suites run in parallel with each other and with `make dev`; the gateway loads the
 * real kong.yml with only its upstream ports pointed at those processes.
 *
 * Each service is `node --import tsx src/main.ts` itself (not the tsx CLI, which would run it in a
 * grandchild), so a signal the launcher sends reaches the service: a suite can SIGKILL one and
 * `restart` it with the same ports, database and variables. In dev each service has its own process
 * group, so Ctrl-C in the terminal reaches only the launcher, which stops each service once with
 * SIGTERM (a service that got the terminal's SIGINT too would take the SIGTERM as a second signal
 * and exit without draining). In test mode they stay in the runner's group, so a Ctrl-C of the
 * test run still reaches them when the runner's workers die without running any clean-up.
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
  /**
   * Extra variables per service, without the prefix (`{ orders: { RESERVATION_TTL_SECONDS: '5' } }`),
   * applied over the launcher's own; each must be one the service declares.
   */
  env?: Record<string, Record<string, string>>;
  /** Extra node flags for every service process, e.g. `['--cpu-prof', '--cpu-prof-dir=…']`. */
  nodeArgs?: string[];
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
  /** The PostgreSQL URL a service was given (test mode), e.g. to run its command-line tools. */
  databaseUrlOf(service: string): string | undefined;
  /** Sends `signal` (default SIGKILL: a crash) to one service and waits until it has exited. */
  kill(service: string, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a service that has exited again, with the same ports, database and variables. */
  restart(service: string): Promise<void>;
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

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function exitOf(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function stopProcess(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const exited = exitOf(child).then(() => clearTimeout(kill));
  child.kill('SIGTERM');
  return exited;
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
  for (const wanted of [...(options.services ?? []), ...Object.keys(options.env ?? {})]) {
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
  const secrets = new Map<string, string>();
  const context: LaunchContext = {
    mode: options.mode,
    isolationId,
    urlOf: (name) =>
      `http://127.0.0.1:${httpPorts.get(name) ?? PLATFORM_SERVICES.find((s) => s.name === name)?.port}`,
    portOf: (name, port) => {
      const found =
        extraPorts.get(`${name}.${port}`) ??
        PLATFORM_SERVICES.find((s) => s.name === name)?.extraPorts?.[port];
      if (found === undefined) throw new Error(`${name} has no "${port}" port`);
      return found;
    },
    secretOf: (name) => {
      if (!secrets.has(name)) secrets.set(name, randomBytes(32).toString('base64url'));
      return secrets.get(name)!;
    },
    privateKeyFile: options.keys.privateKeyFile,
    bootstrapAdmin: options.bootstrapAdmin,
  };
  mkdirSync(options.logDir, { recursive: true });
  const running = new Map<string, RunningService>();
  const environments = new Map<string, Record<string, string>>();
  const databases = new Map<string, string>();

  // If the launcher's process exits without stop() (an uncaught error, a test runner ending its
  // worker), its services would live on: take them along.
  const killAll = () => {
    for (const service of running.values())
      if (!hasExited(service.process)) service.process.kill('SIGKILL');
  };
  process.on('exit', killAll);

  const stop = async (): Promise<void> => {
    await gateway?.close();
    await Promise.all([...running.values()].map((s) => stopProcess(s.process)));
    process.off('exit', killAll);
    if (test) await cleanUp(isolationId, [...databases.values()]);
  };

  /** The service's whole environment: generic variables it declares, its own, the overrides. */
  const environmentOf = async (service: PlatformService): Promise<Record<string, string>> => {
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
      // Suites run side by side on one PostgreSQL (max_connections 100 by default): a platform of
      // seven services with the default 10 connections each could take most of it in a burst.
      generic.DATABASE_POOL_SIZE = '4';
      if (declared.has(`${definition.prefix}_DATABASE_URL`)) databases.set(service.name, database);
    }
    const env: Record<string, string> = {};
    for (const [suffix, value] of Object.entries(generic)) {
      if (declared.has(`${definition.prefix}_${suffix}`))
        env[`${definition.prefix}_${suffix}`] = value;
    }
    const own = { ...service.env(context), ...options.env?.[service.name] };
    for (const [suffix, value] of Object.entries(own)) {
      const name = `${definition.prefix}_${suffix}`;
      if (!declared.has(name)) throw new Error(`${service.name} does not declare ${name}`);
      env[name] = value;
    }
    return env;
  };

  const spawnService = async (service: PlatformService): Promise<void> => {
    const log = path.join(options.logDir, `${service.name}.log`);
    const out = createWriteStream(log, { flags: 'a' });
    const child = spawn(
      process.execPath,
      [
        ...(options.nodeArgs ?? []),
        '--import',
        'tsx',
        path.join(ROOT, 'services', service.name, 'src/main.ts'),
      ],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          ...environments.get(service.name),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: !test,
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
  };

  const runningService = (name: string): RunningService => {
    const service = running.get(name);
    if (!service) throw new Error(`${name} is not part of this platform`);
    return service;
  };

  let gateway: RunningGateway | undefined;
  try {
    for (const wave of startOrder(selected)) {
      await Promise.all(
        wave.map(async (service) => {
          environments.set(service.name, await environmentOf(service));
          await spawnService(service);
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
  return {
    gateway,
    services: running,
    isolationId,
    databaseUrlOf: (name) => {
      const database = databases.get(name);
      return database ? `${POSTGRES_URL}/${database}` : undefined;
    },
    async kill(name, signal = 'SIGKILL') {
      const { process: child } = runningService(name);
      if (hasExited(child)) return;
      const exited = exitOf(child);
      child.kill(signal);
      await exited;
    },
    async restart(name) {
      const { process: child } = runningService(name);
      if (!hasExited(child)) throw new Error(`${name} is still running: kill or stop it first`);
      await spawnService(selected.find((s) => s.name === name)!);
    },
    stop,
  };
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
