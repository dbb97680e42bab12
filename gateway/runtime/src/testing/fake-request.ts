/**
 * Unit-test support: a RequestContext over a fake request (no sockets), and a config builder, so
 * plugin handlers and the plan logic can be tested as pure functions.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildGatewayConfig } from '../declarative-config/load-config';
import type { GatewayConfig, PluginInstance } from '../declarative-config/model';
import { CredentialStore } from '../declarative-config/credential-store';
import type { PluginEnv, PluginPhases } from '../plugins/plugin';
import { PLUGINS } from '../plugins/registry';
import { RequestContext } from '../proxy/request-context';
import { GatewayMetrics } from '../status/gateway-metrics';

export interface FakeRequest {
  method?: string;
  url?: string;
  /** Header pairs in order; repeated names allowed. */
  headers?: [string, string][];
  remoteAddress?: string;
}

export function fakeContext(request: FakeRequest = {}): RequestContext {
  const raw = (request.headers ?? []).flat();
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of request.headers ?? []) {
    const key = name.toLowerCase();
    const prev = headers[key];
    headers[key] = prev === undefined ? value : `${prev}, ${value}`;
  }
  const req = {
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    httpVersion: '1.1',
    headers,
    rawHeaders: raw,
    socket: {
      remoteAddress: request.remoteAddress ?? '127.0.0.1',
      localAddress: '127.0.0.1',
      localPort: 8000,
      bytesWritten: 0,
    },
  } as unknown as IncomingMessage;
  const res = { shouldKeepAlive: true } as unknown as ServerResponse;
  return new RequestContext(req, res, 8000);
}

/** Loads a config document (`_format_version` added) for tests. */
export function testConfig(doc: object): GatewayConfig {
  return buildGatewayConfig({ _format_version: '3.0', ...doc }, 'test');
}

/** Binds every plugin instance named `name` in the config, in declaration order. */
export function bindPlugins(
  config: GatewayConfig,
  name: string,
  metrics = new GatewayMetrics(),
): { instance: PluginInstance; phases: PluginPhases }[] {
  const env: PluginEnv = { config, credentials: new CredentialStore(config), metrics };
  return config.plugins
    .filter((p) => p.name === name)
    .map((instance) => ({ instance, phases: PLUGINS[name]!.create(instance, env) }));
}

/** The single instance of `name` in a config. */
export function bindPlugin(
  config: GatewayConfig,
  name: string,
  metrics?: GatewayMetrics,
): PluginPhases {
  const [bound] = bindPlugins(config, name, metrics);
  if (!bound) throw new Error(`no ${name} plugin in the test config`);
  return bound.phases;
}

/** The upstream header a plugin set (undefined) or cleared (null). */
export function upstreamHeader(ctx: RequestContext, name: string): string | null | undefined {
  const entry = ctx.upstreamHeaders?.get(name.toLowerCase());
  return entry === undefined ? undefined : (entry?.value ?? null);
}
