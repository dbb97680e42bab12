/**
 * Starts the real cart service for one integration suite (startService on port 0) with its own
 * PostgreSQL database, exchange, queue prefix and connection names, a signing key for user
 * tokens, and a publisher for the events other services would send it.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { buildEvent, eventRegistry } from '@bazaar/generated/events/registry';
import type { EventEnvelope, EventPayloads, EventType } from '@bazaar/generated/events/types';
import { EventPublisher, type BrokerConnection } from '@bazaar/platform/events/index';
import { ServiceLifecycle, createServiceRuntime } from '@bazaar/platform/lifecycle/index';
import { startService, type StartedService } from '@bazaar/platform/service/index';
import {
  createTestBroker,
  createTestDatabase,
  type TestBroker,
  type TestDatabase,
} from '@bazaar/platform/testing/index';
import { cartConfig } from '../../../src/config';
import type { CatalogProducts } from '../../../src/outbound/catalog.http-client';
import { CART_MIGRATIONS_DIR, cartService } from '../../../src/service';

export interface CartTestService {
  url: string;
  database: TestDatabase;
  broker: TestBroker;
  started: StartedService;
  catalog: CatalogProducts;
  /** A bearer token for `userId` (a customer unless other roles are given), valid 5 minutes. */
  tokenFor(userId: string, roles?: readonly string[]): Promise<string>;
  /** Publishes an event as its producer would (to this suite's exchange); returns the envelope. */
  publish<T extends EventType>(
    type: T,
    payload: EventPayloads[T],
    eventId?: string,
  ): Promise<EventEnvelope<T>>;
  /** Publishes an exact envelope again (a redelivery or a duplicate publish). */
  republish(event: EventEnvelope): Promise<void>;
  stop(): Promise<void>;
}

export interface SigningKeys {
  publicKey: string;
  privateKey: string;
}

/** An RS256 key pair standing in for identity's signing key. */
export function generateSigningKeys(): SigningKeys {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

export interface CartTestOptions {
  catalogUrl: string;
  /** Extra CART_* variables. */
  env?: Record<string, string>;
  /** Shared with other services of the suite; cleaned up by `stop`. Default: a new one. */
  broker?: TestBroker;
  /** Shared with other services of the suite. Default: a new pair. */
  keys?: SigningKeys;
}

export async function startCartForTest(
  suite: string,
  options: CartTestOptions,
): Promise<CartTestService> {
  const { publicKey, privateKey } = options.keys ?? generateSigningKeys();
  const signingKey = await importPKCS8(privateKey, 'RS256');
  const database = await createTestDatabase(suite, { serviceMigrationsDir: CART_MIGRATIONS_DIR });
  const broker = options.broker ?? createTestBroker(suite);
  const config = cartConfig.load({
    CART_HTTP_HOST: '127.0.0.1',
    CART_HTTP_PORT: '0',
    CART_LOG_LEVEL: 'silent',
    CART_JWT_PUBLIC_KEY: publicKey,
    CART_DATABASE_URL: database.url,
    CART_AMQP_URL: broker.url,
    CART_EVENT_RETRY_DELAYS_MS: '50,100',
    CART_CATALOG_URL: options.catalogUrl,
    ...options.env,
  });
  const runtime = await createServiceRuntime(config, { service: 'cart' });
  const lifecycle = new ServiceLifecycle(runtime.lifecycleOptions);
  let catalog: CatalogProducts | undefined;
  let connection: BrokerConnection | undefined;
  let publisher: EventPublisher | undefined;
  const stop = async () => {
    await publisher?.close();
    await lifecycle.shutdown('test over');
    await broker.cleanup();
    await database.drop();
  };
  try {
    const started = await startService(
      cartService(config, {
        events: {
          exchange: broker.exchange,
          queuePrefix: broker.queuePrefix,
          connectionName: `${broker.connectionPrefix}:cart`,
        },
        onCatalogClient: (client) => (catalog = client),
      }),
      lifecycle,
      runtime,
    );
    connection = await broker.connect('publisher');
    const events = await EventPublisher.create({
      connection,
      exchange: broker.exchange,
      registry: eventRegistry,
    });
    publisher = events;
    return {
      url: started.url,
      database,
      broker,
      started,
      catalog: catalog!,
      tokenFor: (userId, roles = ['customer']) =>
        new SignJWT({ roles: [...roles] })
          .setProtectedHeader({ alg: 'RS256' })
          .setIssuer('bazaar-identity')
          .setSubject(userId)
          .setJti(randomUUID())
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(signingKey),
      async publish(type, payload, eventId) {
        const event = buildEvent(type, payload);
        const envelope = eventId ? { ...event, eventId } : event;
        await events.publish(envelope);
        return envelope;
      },
      republish: (event) => events.publish(event),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
