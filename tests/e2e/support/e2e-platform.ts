/**
 * End-to-end harness: starts the services a suite needs as real processes plus the gateway
 * loading the real kong.yml (launch-platform.ts, test mode: own ports, databases, exchange and
 * queues), with a fresh RS256 key pair, and gives the suite clients that call through the gateway
 * from their own loopback address (so the gateway's per-address rate limits are the suite's own).
 */
import { generateKeyPairSync, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, importPKCS8 } from 'jose';
import { Agent } from 'undici';
import {
  launchPlatform,
  type LaunchOptions,
  type RunningPlatform,
} from '../../../tools/dev/launch-platform';

/** A client calling through the gateway from its own loopback address. */
export interface E2eClient {
  address: string;
  /** fetch through the gateway (a path, or a full URL). */
  fetch: (pathOrUrl: string, init?: RequestInit) => Promise<Response>;
  /** The same, for generated clients. */
  clientFetch: (request: Request) => Promise<Response>;
}

export interface E2ePlatform {
  platform: RunningPlatform;
  gatewayUrl: string;
  admin: { email: string; password: string };
  /** fetch through the gateway from this suite's own address. */
  fetch: (pathOrUrl: string, init?: RequestInit) => Promise<Response>;
  /** A fetch for generated clients (same source address). */
  clientFetch: (request: Request) => Promise<Response>;
  /**
   * Another client with an address of its own: the gateway's rate limits count per address, so a
   * suite acting as many shoppers gives each one its own, as real shoppers have.
   */
  newClient(): E2eClient;
  /** Signs a token with the platform's key (for expired/tampered-token tests). */
  signToken(
    claims: Record<string, unknown>,
    options?: { expiresAt?: number; issuer?: string },
  ): Promise<string>;
  serviceUrl(name: string): string;
  stop(): Promise<void>;
}

export interface E2eOptions {
  /** Variables per service, without the prefix (e.g. a short reservation TTL for orders). */
  env?: LaunchOptions['env'];
}

function randomLoopbackAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

export async function startE2ePlatform(
  suite: string,
  services: string[],
  options: E2eOptions = {},
): Promise<E2ePlatform> {
  const keyDir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-e2e-keys-'));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const privateKeyFile = path.join(keyDir, 'identity-signing.key.pem');
  writeFileSync(privateKeyFile, privateKey, { mode: 0o600 });
  const admin = { email: `admin-${suite}@bazaar.test`, password: 'correct horse battery staple' };
  const platform = await launchPlatform({
    mode: 'test',
    suite,
    services,
    keys: { privateKeyFile, publicKeyPem: publicKey },
    bootstrapAdmin: admin,
    logDir: path.resolve(__dirname, '../../../.tmp/e2e-logs', suite),
    ...(options.env ? { env: options.env } : {}),
  }).catch((error: unknown) => {
    rmSync(keyDir, { recursive: true, force: true });
    throw error;
  });
  const gatewayUrl = platform.gateway.url;
  const agents: Agent[] = [];
  const newClient = (): E2eClient => {
    const address = randomLoopbackAddress();
    const agent = new Agent({ localAddress: address });
    agents.push(agent);
    const fetchFrom = (input: string | Request, init?: RequestInit) =>
      fetch(input, { ...init, dispatcher: agent } as unknown as RequestInit);
    return {
      address,
      fetch: (pathOrUrl, init) =>
        fetchFrom(pathOrUrl.startsWith('http') ? pathOrUrl : `${gatewayUrl}${pathOrUrl}`, init),
      clientFetch: (request) => fetchFrom(request),
    };
  };
  const suiteClient = newClient();
  return {
    platform,
    gatewayUrl,
    admin,
    fetch: suiteClient.fetch,
    clientFetch: suiteClient.clientFetch,
    newClient,
    async signToken(claims, options = {}) {
      const key = await importPKCS8(privateKey, 'RS256');
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer(options.issuer ?? 'bazaar-identity')
        .setIssuedAt()
        .setExpirationTime(options.expiresAt ?? Math.floor(Date.now() / 1000) + 300);
      return jwt.sign(key);
    },
    serviceUrl: (name) => {
      const service = platform.services.get(name);
      if (!service) throw new Error(`${name} is not running in this suite`);
      return service.url;
    },
    async stop() {
      await Promise.all(agents.map((agent) => agent.close()));
      await platform.stop();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a truthy value (events are asynchronous); fails after timeoutMs. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
