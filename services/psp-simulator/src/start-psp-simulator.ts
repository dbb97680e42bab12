/**
 * Starts the simulator on a port (services/psp-simulator): main.ts uses it with the loaded PSP_*
 * config, tests with port 0 in their own process; `close()` also drops connections held open by
 * "never answers" behaviours, so nothing outlives the test.
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import type { PspConfig } from './config';
import { buildPspApp } from './http/app';
import { PspSimulator } from './simulator/psp-simulator';

export interface StartedPspSimulator {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  simulator: PspSimulator;
  close(): Promise<void>;
}

export interface StartPspOptions {
  /** Validate answers against openapi.yaml too (tests). Default false. */
  validateResponses?: boolean;
}

export async function startPspSimulator(
  config: PspConfig,
  options: StartPspOptions = {},
): Promise<StartedPspSimulator> {
  const simulator = new PspSimulator({
    failureRate: config.failureRate,
    timeoutRate: config.timeoutRate,
    latencyMs: config.latencyMs,
    latencyJitterMs: config.latencyJitterMs,
    ...(config.randomSeed === undefined ? {} : { randomSeed: config.randomSeed }),
  });
  const app = buildPspApp({
    simulator,
    hangMs: config.hangMs,
    validateResponses: options.validateResponses ?? false,
  });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.httpPort, config.httpHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.httpHost === '0.0.0.0' ? '127.0.0.1' : config.httpHost;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    simulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
