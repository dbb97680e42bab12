/**
 * Starts the real catalog service for a test suite (services/catalog/test): its own PostgreSQL
 * database, RabbitMQ exchange and queues, Redis key prefix and an ephemeral port, plus what the
 * suites need around it: signed tokens, an HTTP helper, a publisher of other contexts' events,
 * waiting for events to be handled, and the cache metrics.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { eventRegistry } from '@bazaar/generated/events/registry';
import type { EventEnvelope } from '@bazaar/generated/events/types';
import { EventPublisher } from '@bazaar/platform/events/index';
import { ServiceLifecycle, createServiceRuntime } from '@bazaar/platform/lifecycle/index';
import { type StartedService, startService } from '@bazaar/platform/service/index';
import {
  createTestBroker,
  createTestDatabase,
  waitFor,
  type TestBroker,
  type TestDatabase,
} from '@bazaar/platform/testing/index';
import { Redis } from 'ioredis';
import { SignJWT, importPKCS8 } from 'jose';
import { catalogConfig, type CatalogConfig } from '../../src/config';
import { CATALOG_MIGRATIONS_DIR, catalogService } from '../../src/service';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CatalogHarness {
  url: string;
  config: CatalogConfig;
  database: TestDatabase;
  started: StartedService;
  /** A client on the suite's Redis, for looking at (or clearing) the cache directly. */
  redis: Redis;
  keyPrefix: string;
  tokenFor(roles: string[]): Promise<string>;
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  /** Publishes an event of another context to the suite's exchange (as its producer would). */
  publish(event: EventEnvelope): Promise<void>;
  /** Waits until the catalog's consumer has handled `eventId` (its inbox row exists). */
  waitForHandled(eventId: string): Promise<void>;
  /** Waits until every event the catalog wrote about `productId` has been handled by itself. */
  waitForOwnEvents(productId: string): Promise<void>;
  /** Current value of a counter or gauge on the service's registry. */
  metric(name: string): Promise<number>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Overrides of CATALOG_* variables (e.g. a Redis URL nobody answers on). */
  env?: Record<string, string>;
}

export async function startCatalog(
  suite: string,
  options: HarnessOptions = {},
): Promise<CatalogHarness> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const database = await createTestDatabase(suite, {
    serviceMigrationsDir: CATALOG_MIGRATIONS_DIR,
  });
  const broker: TestBroker = createTestBroker(suite);
  const keyPrefix = `test:catalog:${randomBytes(5).toString('hex')}:`;
  const config = catalogConfig.load({
    CATALOG_HTTP_HOST: '127.0.0.1',
    CATALOG_HTTP_PORT: '0',
    CATALOG_LOG_LEVEL: 'silent',
    CATALOG_JWT_PUBLIC_KEY: publicKey,
    CATALOG_DATABASE_URL: database.url,
    CATALOG_DATABASE_POOL_SIZE: '5',
    CATALOG_AMQP_URL: broker.url,
    CATALOG_EVENT_RETRY_DELAYS_MS: '50,100',
    CATALOG_REDIS_KEY_PREFIX: keyPrefix,
    ...options.env,
  });
  const runtime = await createServiceRuntime(config, { service: 'catalog' });
  const lifecycle = new ServiceLifecycle(runtime.lifecycleOptions);
  const started = await startService(
    catalogService(config, {
      events: {
        exchange: broker.exchange,
        queuePrefix: broker.queuePrefix,
        connectionName: `${broker.connectionPrefix}:service`,
      },
    }),
    lifecycle,
    runtime,
  );
  const publisher = await EventPublisher.create({
    connection: await broker.connect('test-publisher'),
    registry: eventRegistry,
    exchange: broker.exchange,
  });
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });
  await redis.connect();
  const signingKey = await importPKCS8(privateKey, 'RS256');

  const handled = async (eventIds: string[]): Promise<boolean> => {
    if (eventIds.length === 0) return true;
    const result = await database.pool.query(
      `SELECT count(*)::int AS n FROM platform.inbox WHERE consumer = 'catalog' AND event_id = ANY($1::uuid[])`,
      [eventIds],
    );
    return (result.rows[0] as { n: number }).n === eventIds.length;
  };

  return {
    url: started.url,
    config,
    database,
    started,
    redis,
    keyPrefix,
    tokenFor: (roles) =>
      new SignJWT({ roles })
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer('bazaar-identity')
        .setSubject(`user-${roles.join('-') || 'none'}`)
        .setExpirationTime('10m')
        .sign(signingKey),
    async api(method, path, { token, body, headers = {} } = {}) {
      const response = await fetch(`${started.url}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: (text ? JSON.parse(text) : undefined) as never,
      };
    },
    publish: (event) => publisher.publish(event),
    async waitForHandled(eventId) {
      await waitFor(() => handled([eventId]), {
        timeoutMs: 15_000,
        description: `event ${eventId} handled`,
      });
    },
    async waitForOwnEvents(productId) {
      await waitFor(
        async () => {
          const written = await database.pool.query<{ event_id: string }>(
            'SELECT event_id FROM platform.outbox WHERE partition_key = $1',
            [productId],
          );
          return handled(written.rows.map((row) => row.event_id));
        },
        { timeoutMs: 15_000, description: `events about ${productId} handled` },
      );
    },
    async metric(name) {
      const metric = started.runtime.metrics.getSingleMetric(name);
      if (!metric) throw new Error(`no metric ${name}`);
      const values = (await metric.get()).values;
      return values.reduce((sum, v) => sum + v.value, 0);
    },
    async stop() {
      await lifecycle.shutdown('test over');
      await publisher.close();
      await broker.cleanup();
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await database.drop();
    },
  };
}

/** A product body the admin can post; `sku` must be unique within the suite. */
export function newProductBody(sku: string, overrides: Record<string, unknown> = {}) {
  return {
    sku,
    name: `Product ${sku}`,
    description: '',
    price: { amount: 1000, currency: 'USD' },
    ...overrides,
  };
}
