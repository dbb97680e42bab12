/**
 * Where the conformance suite sends its requests. By default each suite starts our runtime with
 * its own kong.yml. With BAZAAR_CONFORMANCE_KONG_URL (proxy) and BAZAAR_CONFORMANCE_KONG_ADMIN_URL
 * (admin API of a DB-less Kong) set, the same suites load their config into real Kong through
 * `POST /config` instead; run them with `--runInBand` then, since they share that one Kong, and set
 * BAZAAR_CONFORMANCE_UPSTREAM_HOST to the address Kong reaches this machine's echo upstream at.
 */
import { ConfigError } from '../../runtime/src/declarative-config/load-config';
import { startGateway } from '../../runtime/src/start-gateway';

export interface ConformanceTarget {
  kind: 'runtime' | 'kong';
  /** Base URL of the proxy, no trailing slash. */
  url: string;
  /** Base URL of the status API (`/metrics`), when the target has one. */
  statusUrl?: string;
  close(): Promise<void>;
}

const KONG_URL = process.env.BAZAAR_CONFORMANCE_KONG_URL;
const KONG_ADMIN_URL = process.env.BAZAAR_CONFORMANCE_KONG_ADMIN_URL;
const KONG_STATUS_URL = process.env.BAZAAR_CONFORMANCE_KONG_STATUS_URL;

export const targetKind: 'runtime' | 'kong' = KONG_URL ? 'kong' : 'runtime';

/** Host name the gateway uses to reach the suite's echo upstream. */
export function upstreamHost(): string {
  return process.env.BAZAAR_CONFORMANCE_UPSTREAM_HOST ?? '127.0.0.1';
}

async function loadIntoKong(config: object): Promise<Response> {
  if (!KONG_ADMIN_URL)
    throw new Error(
      'BAZAAR_CONFORMANCE_KONG_ADMIN_URL is required with BAZAAR_CONFORMANCE_KONG_URL',
    );
  return fetch(`${KONG_ADMIN_URL}/config`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(config),
  });
}

export async function startTarget(
  config: object,
  options: { status?: boolean } = {},
): Promise<ConformanceTarget> {
  if (KONG_URL) {
    const res = await loadIntoKong(config);
    if (!res.ok)
      throw new Error(`Kong refused the suite config: ${res.status} ${await res.text()}`);
    return {
      kind: 'kong',
      url: KONG_URL.replace(/\/$/, ''),
      statusUrl: KONG_STATUS_URL,
      close: async () => undefined,
    };
  }
  const gateway = await startGateway({
    config,
    statusListen: options.status ? '127.0.0.1:0' : undefined,
    logError: () => undefined,
  });
  return {
    kind: 'runtime',
    url: gateway.url,
    statusUrl: gateway.statusUrl,
    close: () => gateway.close(),
  };
}

/** Loads a config that must be refused; returns the refusal text (our message, or Kong's 400 body). */
export async function refusal(config: object): Promise<string> {
  if (KONG_URL) {
    const res = await loadIntoKong(config);
    if (res.status !== 400)
      throw new Error(`Kong accepted a config that should be refused (${res.status})`);
    return res.text();
  }
  try {
    const gateway = await startGateway({ config, logError: () => undefined });
    await gateway.close();
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('the gateway started with a config that should be refused');
}
