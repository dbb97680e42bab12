/**
 * Starts the real inventory service for one integration suite (startService with its own database,
 * RabbitMQ exchange/queue prefix, MQTT client id and topic prefix, HTTP and gRPC on free ports) and
 * gives the suite a generated gRPC client, admin/customer tokens, an observer of the events on the
 * suite's exchange, and seeding through the service's own use cases.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import {
  createInventoryServiceClient,
  type InventoryServiceClient,
} from '@bazaar/generated/grpc/inventory/v1/inventory';
import { ServiceLifecycle, createServiceRuntime } from '@bazaar/platform/lifecycle/index';
import { startService, type StartedService } from '@bazaar/platform/service/index';
import {
  createTestBroker,
  createTestDatabase,
  type TestBroker,
  type TestDatabase,
} from '@bazaar/platform/testing/index';
import { inventoryConfig, type InventoryConfig } from '../../../src/config';
import {
  INVENTORY_MIGRATIONS_DIR,
  inventoryService,
  type InventoryParts,
} from '../../../src/service';
import { adjustStock } from '../../../src/use-cases/adjust-stock.use-case';
import { trackProduct } from '../../../src/use-cases/track-product.use-case';
import { withTransaction } from '@bazaar/platform/db/index';
import { discardMqttSession } from './mqtt-test-client';
import { openTestExchange, type EventObserver } from './test-exchange';

export interface InventoryHarness {
  config: InventoryConfig;
  database: TestDatabase;
  broker: TestBroker;
  started: StartedService;
  parts: InventoryParts;
  /** HTTP base URL of the service. */
  url: string;
  grpc: InventoryServiceClient;
  grpcAddress: string;
  events: EventObserver;
  /** Unique per suite: `test/<id>/iot/inventory`. */
  topicPrefix: string;
  mqttClientId: string;
  token(roles: string[]): Promise<string>;
  /** A product the catalog "created" (through the product.created use case) with `onHand` units. */
  seedProduct(onHand: number, sku?: string): Promise<{ productId: string; sku: string }>;
  stock(productId: string): Promise<{ on_hand: number; reserved: number; available: number }>;
  stop(): Promise<void>;
}

/** Extra INVENTORY_* settings per suite, e.g. `{ INVENTORY_EXPIRY_SWEEP_INTERVAL_MS: '100' }`. */
export async function startInventory(
  suite: string,
  env: Record<string, string> = {},
): Promise<InventoryHarness> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const database = await createTestDatabase(`inventory_${suite}`, {
    serviceMigrationsDir: INVENTORY_MIGRATIONS_DIR,
  });
  const broker = createTestBroker(`inventory-${suite}`);
  const id = randomBytes(4).toString('hex');
  const topicPrefix = `test/${suite}-${id}/iot/inventory`;
  const mqttClientId = `test-inventory-${suite}-${id}`.slice(0, 64);
  const config = inventoryConfig.load({
    INVENTORY_HTTP_HOST: '127.0.0.1',
    INVENTORY_HTTP_PORT: '0',
    INVENTORY_LOG_LEVEL: 'silent',
    INVENTORY_JWT_PUBLIC_KEY: publicKey,
    INVENTORY_DATABASE_URL: database.url,
    INVENTORY_DATABASE_POOL_SIZE: '20',
    INVENTORY_AMQP_URL: broker.url,
    INVENTORY_EVENT_RETRY_DELAYS_MS: '50,100',
    INVENTORY_GRPC_HOST: '127.0.0.1',
    INVENTORY_GRPC_PORT: '0',
    INVENTORY_GRPC_SHUTDOWN_TIMEOUT_MS: '2000',
    INVENTORY_MQTT_CLIENT_ID: mqttClientId,
    INVENTORY_MQTT_TOPIC_PREFIX: topicPrefix,
    INVENTORY_MQTT_SESSION_EXPIRY_SECONDS: '600',
    INVENTORY_MQTT_RECONNECT_PERIOD_MS: '200',
    ...env,
  });
  const runtime = await createServiceRuntime(config, { service: 'inventory' });
  const lifecycle = new ServiceLifecycle(runtime.lifecycleOptions);
  const definition = inventoryService(config, {
    events: {
      exchange: broker.exchange,
      queuePrefix: broker.queuePrefix,
      connectionName: `${broker.connectionPrefix}:service`,
    },
  });
  const started = await startService(definition, lifecycle, runtime);
  const parts = definition.parts();
  const grpcAddress = `127.0.0.1:${parts.grpc.port}`;
  const grpc = createInventoryServiceClient(grpcAddress, { defaultDeadlineMs: 10_000 });
  const events = await openTestExchange(
    broker.url,
    broker.exchange,
    `${broker.queuePrefix}.observer`,
  );
  const signingKey = await importPKCS8(privateKey, 'RS256');

  return {
    config,
    database,
    broker,
    started,
    parts,
    url: started.url,
    grpc,
    grpcAddress,
    events,
    topicPrefix,
    mqttClientId,
    token: (roles) =>
      new SignJWT({ roles })
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer('bazaar-identity')
        .setSubject(randomUUID())
        .setExpirationTime('10m')
        .sign(signingKey),
    async seedProduct(onHand, sku) {
      const productId = randomUUID();
      const productSku = sku ?? `SKU-${randomBytes(5).toString('hex').toUpperCase()}`;
      await withTransaction(database.pool, (tx) =>
        trackProduct(tx, { productId, sku: productSku, createdAt: new Date() }),
      );
      if (onHand > 0) {
        const result = await adjustStock(parts.deps, {
          target: { productId },
          delta: onHand,
          reason: 'RESTOCK',
          note: 'seeded by the test',
          source: 'ADMIN',
        });
        if (result.kind !== 'applied') throw new Error(`seeding failed: ${result.kind}`);
      }
      return { productId, sku: productSku };
    },
    async stock(productId) {
      const { rows } = await database.pool.query<{
        on_hand: number;
        reserved: number;
        available: number;
      }>('SELECT on_hand, reserved, available FROM stock_items WHERE product_id = $1', [productId]);
      if (!rows[0]) throw new Error(`no stock row for ${productId}`);
      return rows[0];
    },
    async stop() {
      grpc.close();
      await events.close();
      await lifecycle.shutdown('test over');
      await discardMqttSession(config.mqttUrl, mqttClientId);
      await broker.cleanup();
      await database.drop();
    },
  };
}
