/**
 * Programmatic start of the local gateway (used by main.ts, the conformance suite and the bench):
 * load and validate the declarative config, build the runtime, listen on the proxy (and optional
 * status) addresses. Refuses to start on any config problem.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayConfig } from './declarative-config/model';
import { buildGatewayConfig, loadDeclarativeConfigFile } from './declarative-config/load-config';
import { type ListenSpec, parseListen } from './listen-address';
import { buildRuntime } from './proxy/gateway-runtime';
import { createGatewayServer } from './proxy/gateway-server';
import { createStatusServer } from './status/status-server';

export interface StartGatewayOptions {
  /** A parsed kong.yml document (validated here), or … */
  config?: unknown;
  /** … a path to kong.yml / kong.json. */
  configPath?: string;
  /** Values for the file's decK templates (`${{ env "DECK_…" }}`); default: none. */
  env?: NodeJS.ProcessEnv;
  /** Kong listener syntax or parsed specs; default `127.0.0.1:0` (an ephemeral port, for tests). */
  listen?: string | ListenSpec[];
  /** Status API listener (`/metrics`, `/status`); none by default. */
  statusListen?: string | ListenSpec[];
  /** Plugin runtime errors; default stderr. */
  logError?: (message: string) => void;
}

export interface RunningGateway {
  /** `http://host:port` of the first proxy listener. */
  url: string;
  port: number;
  /** `http://host:port` of the first status listener, when one was asked for. */
  statusUrl?: string;
  config: GatewayConfig;
  close(): Promise<void>;
}

function listen(server: Server, spec: ListenSpec): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(
      { host: spec.host, port: spec.port, backlog: spec.backlog, ipv6Only: spec.ipv6Only },
      () => {
        server.off('error', reject);
        resolve(server.address() as AddressInfo);
      },
    );
  });
}

function urlOf(address: AddressInfo): string {
  const host =
    address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  let config: GatewayConfig;
  if (options.configPath !== undefined)
    config = loadDeclarativeConfigFile(options.configPath, options.env);
  else if (options.config !== undefined) config = buildGatewayConfig(options.config, 'config');
  else throw new Error('startGateway needs `config` or `configPath`');

  const proxySpecs =
    typeof options.listen === 'string'
      ? parseListen(options.listen, 'listen')
      : (options.listen ?? [{ host: '127.0.0.1', port: 0 }]);
  const statusSpecs =
    typeof options.statusListen === 'string'
      ? parseListen(options.statusListen, 'status listen')
      : (options.statusListen ?? []);

  const runtime = buildRuntime(config, { logError: options.logError });
  const servers: Server[] = [];
  try {
    const proxyAddresses: AddressInfo[] = [];
    for (const spec of proxySpecs) {
      const server = createGatewayServer(runtime);
      servers.push(server);
      proxyAddresses.push(await listen(server, spec));
    }
    let statusUrl: string | undefined;
    for (const spec of statusSpecs) {
      const server = createStatusServer(runtime.metrics);
      servers.push(server);
      const address = await listen(server, spec);
      statusUrl ??= urlOf(address);
    }
    const first = proxyAddresses[0];
    return {
      url: first ? urlOf(first) : '',
      port: first?.port ?? 0,
      statusUrl,
      config,
      async close() {
        await Promise.all(servers.map(closeServer));
        await runtime.close();
      },
    };
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    await runtime.close();
    throw err;
  }
}
