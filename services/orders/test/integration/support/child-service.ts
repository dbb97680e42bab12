/**
 * Runs a real Bazaar service (its own src/main.ts, configured through its environment variables as
 * in production) in a child process for an orders integration suite, and waits until it is ready.
 * Services run as separate processes because each one registers its tracing globally; the suite
 * can stop a child gracefully or kill it outright (the crash suite SIGKILLs orders mid-saga).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../../..');

export interface ChildService {
  name: string;
  url: string;
  process: ChildProcess;
  /** The last lines the process wrote (for failure messages). */
  output(): string;
  /** SIGTERM and wait for the exit (graceful shutdown). */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit (a crash: nothing is flushed, nothing is drained). */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Starts services/<service>/src/main.ts with `env` (its own <PREFIX>_* variables; the parent's
 * variables of that prefix are not inherited) and `port` as its HTTP port.
 */
export async function startChildService(options: {
  service: string;
  prefix: string;
  port: number;
  env: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<ChildService> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith(`${options.prefix}_`)),
  );
  // node itself with tsx's loader (not the tsx CLI, which runs the service in a grandchild): a
  // signal sent to the child reaches the service process.
  const main = path.join(ROOT, 'services', options.service, 'src/main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...inherited,
      [`${options.prefix}_HTTP_HOST`]: '127.0.0.1',
      [`${options.prefix}_HTTP_PORT`]: String(options.port),
      [`${options.prefix}_LOG_LEVEL`]: 'warn',
      ...options.env,
    },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exit = exited(child);
  const url = `http://127.0.0.1:${options.port}`;
  const service: ChildService = {
    name: options.service,
    url,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exit;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exit;
    },
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `${options.service} exited (${child.exitCode ?? child.signalCode}):\n${output}`,
      );
    const response = await fetch(`${url}/health/ready`).catch(() => undefined);
    if (response?.status === 200) break;
    if (Date.now() > deadline) {
      await service.kill();
      throw new Error(`${options.service} was not ready at ${url} in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return service;
}
