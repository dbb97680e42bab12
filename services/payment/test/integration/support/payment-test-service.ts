/**
 * Starts the real payment service for one integration suite (startService on port 0) with its
 * own PostgreSQL database, exchange, queue prefix and connection names, the real PSP simulator
 * in this process on port 0, a signing key for tokens of any role, and a queue that taps every
 * event the service publishes.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { SignJWT, importPKCS8 } from 'jose';
import { pspConfig } from '@bazaar/psp-simulator/config';
import {
  startPspSimulator,
  type StartedPspSimulator,
} from '@bazaar/psp-simulator/start-psp-simulator';
import { ServiceLifecycle, createServiceRuntime } from '@bazaar/platform/lifecycle/index';
import { startService, type StartedService } from '@bazaar/platform/service/index';
import {
  createTestBroker,
  createTestDatabase,
  type TestBroker,
  type TestDatabase,
} from '@bazaar/platform/testing/index';
import { paymentConfig } from '../../../src/config';
import { PAYMENT_MIGRATIONS_DIR, paymentService } from '../../../src/service';

export interface TappedEvent {
  routingKey: string;
  messageId: string | undefined;
  envelope: { eventType: string; partitionKey: string; payload: Record<string, unknown> } & Record<
    string,
    unknown
  >;
}

export interface PaymentTestService {
  url: string;
  psp: StartedPspSimulator;
  database: TestDatabase;
  broker: TestBroker;
  started: StartedService;
  /** A bearer token for `subject` with `roles`, valid 5 minutes. */
  token(roles: string[], subject?: string): Promise<string>;
  /** Takes every event published since the last call. */
  takeEvents(): Promise<TappedEvent[]>;
  /** The current value of a metric sample on /metrics (0 when absent). */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  stop(): Promise<void>;
}

/** Fast and calm defaults for tests: tiny backoff, a breaker that needs many calls to open. */
const TEST_DEFAULTS: Record<string, string> = {
  PAYMENT_HTTP_HOST: '127.0.0.1',
  PAYMENT_HTTP_PORT: '0',
  PAYMENT_LOG_LEVEL: 'silent',
  PAYMENT_PSP_BACKOFF_BASE_MS: '1',
  PAYMENT_PSP_BACKOFF_MAX_MS: '5',
  PAYMENT_PSP_ATTEMPT_TIMEOUT_MS: '3000',
  PAYMENT_PSP_DEADLINE_MS: '20000',
  PAYMENT_PSP_BREAKER_MINIMUM_CALLS: '1000',
  PAYMENT_PSP_BREAKER_WINDOW_MS: '60000',
};

export async function startPaymentForTest(
  suite: string,
  options: { env?: Record<string, string>; psp?: Record<string, string> } = {},
): Promise<PaymentTestService> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const signingKey = await importPKCS8(privateKey, 'RS256');
  const psp = await startPspSimulator(
    pspConfig.load({
      PSP_HTTP_PORT: '0',
      PSP_LATENCY_MS: '0',
      PSP_LATENCY_JITTER_MS: '0',
      ...options.psp,
    }),
    { validateResponses: true },
  );
  const database = await createTestDatabase(suite, {
    serviceMigrationsDir: PAYMENT_MIGRATIONS_DIR,
  });
  const broker = createTestBroker(suite);
  const config = paymentConfig.load({
    ...TEST_DEFAULTS,
    PAYMENT_JWT_PUBLIC_KEY: publicKey,
    PAYMENT_DATABASE_URL: database.url,
    PAYMENT_AMQP_URL: broker.url,
    PAYMENT_PSP_BASE_URL: psp.url,
    ...options.env,
  });
  const runtime = await createServiceRuntime(config, { service: 'payment' });
  const lifecycle = new ServiceLifecycle(runtime.lifecycleOptions);
  let tap: { connection: ChannelModel; channel: Channel } | undefined;
  const stop = async () => {
    await tap?.connection.close().catch(() => undefined);
    await lifecycle.shutdown('test over');
    await psp.close();
    await broker.cleanup();
    await database.drop();
  };
  try {
    const started = await startService(
      paymentService(config, {
        events: {
          exchange: broker.exchange,
          queuePrefix: broker.queuePrefix,
          connectionName: `${broker.connectionPrefix}:payment`,
        },
      }),
      lifecycle,
      runtime,
    );
    const connection = await amqp.connect(broker.url);
    const channel = await connection.createChannel();
    const queue = `${broker.queuePrefix}.tap`;
    await channel.assertQueue(queue, { durable: false });
    await channel.bindQueue(queue, broker.exchange, '#');
    tap = { connection, channel };
    return {
      url: started.url,
      psp,
      database,
      broker,
      started,
      token: (roles, subject = randomUUID()) =>
        new SignJWT({ roles })
          .setProtectedHeader({ alg: 'RS256' })
          .setIssuer('bazaar-identity')
          .setSubject(subject)
          .setJti(randomUUID())
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(signingKey),
      async takeEvents() {
        const events: TappedEvent[] = [];
        for (;;) {
          const message = await channel.get(queue, { noAck: true });
          if (message === false) return events;
          events.push({
            routingKey: message.fields.routingKey,
            messageId: message.properties.messageId as string | undefined,
            envelope: JSON.parse(message.content.toString()) as TappedEvent['envelope'],
          });
        }
      },
      async metric(name, labels = {}) {
        const text = await (await fetch(`${started.url}/metrics`)).text();
        for (const line of text.split('\n')) {
          if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
          if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
            return Number(line.slice(line.lastIndexOf(' ') + 1));
        }
        return 0;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
