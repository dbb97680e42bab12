/**
 * Starts the real identity service for an integration suite (startService on port 0) with its own
 * database, exchange, queue prefix and connection names, a fresh RSA key and a movable clock, and
 * tears it all down afterwards.
 */
import { generateKeyPairSync } from 'node:crypto';
import type pg from 'pg';
import { withDatabaseName } from '@bazaar/platform/db/index';
import { createServiceRuntime, ServiceLifecycle } from '@bazaar/platform/lifecycle/index';
import { startService, type StartedService } from '@bazaar/platform/service/index';
import {
  createTestBroker,
  DEFAULT_TEST_SERVER_URL,
  dropDatabase,
  testDatabaseName,
  type TestBroker,
} from '@bazaar/platform/testing/index';
import { identityConfig } from '../../../src/config';
import { identityService } from '../../../src/service';
import { MovableClock } from './movable-clock';

export interface RsaKeyPair {
  privateKey: string;
  publicKey: string;
}

export function rsaKeyPair(): RsaKeyPair {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

export interface IdentityHarness {
  url: string;
  databaseName: string;
  /** The service's own pool, to look at rows the API does not show. */
  pool: pg.Pool;
  broker: TestBroker;
  keys: RsaKeyPair;
  clock: MovableClock;
  started: StartedService;
  /** Stops the service; the database and broker objects stay until `cleanup`. */
  stop(): Promise<void>;
  /** Stops the service if running, drops the database and deletes the broker objects. */
  cleanup(): Promise<void>;
}

export interface StartIdentityOptions {
  /** Extra IDENTITY_* variables. */
  env?: Record<string, string>;
  keys?: RsaKeyPair;
  /** Reuse a database (e.g. to restart the service on the same data). */
  databaseName?: string;
  broker?: TestBroker;
}

export async function startIdentity(
  suite: string,
  options: StartIdentityOptions = {},
): Promise<IdentityHarness> {
  const keys = options.keys ?? rsaKeyPair();
  const databaseName = options.databaseName ?? testDatabaseName(`identity_${suite}`);
  const broker = options.broker ?? createTestBroker(`identity-${suite}`);
  const clock = new MovableClock();
  const config = identityConfig.load({
    IDENTITY_HTTP_HOST: '127.0.0.1',
    IDENTITY_HTTP_PORT: '0',
    IDENTITY_LOG_LEVEL: 'silent',
    IDENTITY_JWT_PRIVATE_KEY: keys.privateKey,
    IDENTITY_DATABASE_URL: withDatabaseName(DEFAULT_TEST_SERVER_URL, databaseName),
    IDENTITY_AMQP_URL: broker.url,
    ...options.env,
  });
  const definition = identityService(config, {
    now: () => clock.now(),
    events: {
      exchange: broker.exchange,
      queuePrefix: broker.queuePrefix,
      connectionName: `${broker.connectionPrefix}:identity`,
    },
  });
  const runtime = await createServiceRuntime(definition.config, { service: 'identity' });
  const lifecycle = new ServiceLifecycle(runtime.lifecycleOptions);
  let running = true;
  let started: StartedService;
  try {
    started = await startService(definition, lifecycle, runtime);
  } catch (err) {
    await lifecycle.shutdown('start failed');
    // Leave nothing behind that this call created; what the caller passed in is the caller's.
    if (!options.broker) await broker.cleanup();
    if (!options.databaseName) await dropDatabase(DEFAULT_TEST_SERVER_URL, databaseName);
    throw err;
  }
  const stop = async () => {
    if (!running) return;
    running = false;
    await lifecycle.shutdown('test over');
  };
  return {
    url: started.url,
    databaseName,
    pool: started.resources.pool!,
    broker,
    keys,
    clock,
    started,
    stop,
    async cleanup() {
      await stop();
      await broker.cleanup();
      await dropDatabase(DEFAULT_TEST_SERVER_URL, databaseName);
    },
  };
}
