/**
 * Everything an orders integration suite talks to, for real: identity (service tokens), catalog
 * (prices; its product.created events teach inventory the products), inventory (gRPC on a free
 * port), payment with the PSP simulator (in this process), cart when asked, and orders itself, in
 * this process (startService) or as a child process. Each suite gets its own databases, one
 * exchange and queue prefix shared by its services, its own ports and Redis prefix, and a key
 * pair to sign tokens with; `stop()` removes all of it.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import pg from 'pg';
import {
  createInventoryServiceClient,
  type InventoryServiceClient,
} from '@bazaar/generated/grpc/inventory/v1/inventory';
import { pspConfig } from '@bazaar/psp-simulator/config';
import {
  startPspSimulator,
  type StartedPspSimulator,
} from '@bazaar/psp-simulator/start-psp-simulator';
import { withDatabaseName } from '@bazaar/platform/db/index';
import { ServiceLifecycle, createServiceRuntime } from '@bazaar/platform/lifecycle/index';
import { startService, type StartedService } from '@bazaar/platform/service/index';
import {
  createTestBroker,
  DEFAULT_TEST_SERVER_URL,
  dropDatabase,
  testDatabaseName,
  waitFor,
  type TestBroker,
} from '@bazaar/platform/testing/index';
import { ordersConfig } from '../../../src/config';
import { ordersService, type OrdersParts } from '../../../src/service';
import { freePort, startChildService, type ChildService } from './child-service';
import { httpApi, type HttpApi } from './http-api';

export interface StackOptions {
  /** Start the cart service too (suites ordering `fromCart`). */
  cart?: boolean;
  /** Start orders in this process (default), or leave it to the suite (`startOrdersChild`). */
  orders?: 'in-process' | 'none';
  /** Extra ORDERS_* variables. */
  ordersEnv?: Record<string, string>;
}

export interface InProcessOrders {
  url: string;
  api: HttpApi;
  started: StartedService;
  parts: OrdersParts;
  stop(): Promise<void>;
}

export interface OrdersStack {
  broker: TestBroker;
  psp: StartedPspSimulator;
  identity: ChildService;
  catalog: ChildService;
  inventory: ChildService;
  payment: ChildService;
  cart: ChildService | undefined;
  /** Absent with `orders: 'none'`. */
  orders: InProcessOrders | undefined;
  /** A pool on the orders database (for looking at saga rows and the read model). */
  ordersDb: pg.Pool;
  ordersDatabaseUrl: string;
  grpc: InventoryServiceClient;
  /** Where inventory's gRPC server and payment's HTTP server listen (to put a proxy in front). */
  targets: {
    inventoryGrpc: { host: string; port: number };
    payment: { host: string; port: number };
  };
  /** ORDERS_* variables wiring orders to this stack (with `overrides`). */
  ordersEnv(overrides?: Record<string, string>): Record<string, string>;
  /** Starts (again) orders in this process with these extra variables. */
  startOrdersInProcess(overrides?: Record<string, string>): Promise<InProcessOrders>;
  token(roles: string[], subject?: string): Promise<string>;
  customer(): Promise<{ id: string; token: string }>;
  adminToken(): Promise<string>;
  /** A product the catalog sells at `price` minor units, with `stock` units on hand at inventory. */
  product(options: { price?: number; currency?: string; stock: number }): Promise<string>;
  /** The product's stock at inventory, over gRPC QueryStock. */
  stock(productId: string): Promise<{ onHand: number; reserved: number; available: number }>;
  stop(): Promise<void>;
}

export async function startOrdersStack(
  suite: string,
  options: StackOptions = {},
): Promise<OrdersStack> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const signingKey = await importPKCS8(privateKey, 'RS256');
  const broker = createTestBroker(`orders-${suite}`);
  const secret = randomBytes(24).toString('hex');
  const databases = ['identity', 'catalog', 'inventory', 'payment', 'cart', 'orders'].map((s) => [
    s,
    testDatabaseName(`orders_${suite}_${s}`),
  ]);
  const dbUrl = (service: string) =>
    withDatabaseName(DEFAULT_TEST_SERVER_URL, Object.fromEntries(databases)[service]!);
  const events = (prefix: string, consumes: boolean) => ({
    [`${prefix}_DATABASE_URL`]: dbUrl(prefix.toLowerCase()),
    [`${prefix}_AMQP_URL`]: broker.url,
    [`${prefix}_EVENT_EXCHANGE`]: broker.exchange,
    ...(consumes
      ? {
          [`${prefix}_EVENT_QUEUE_PREFIX`]: broker.queuePrefix,
          [`${prefix}_EVENT_RETRY_DELAYS_MS`]: '50,100,200',
        }
      : {}),
  });
  const psp = await startPspSimulator(
    pspConfig.load({ PSP_HTTP_PORT: '0', PSP_LATENCY_MS: '0', PSP_LATENCY_JITTER_MS: '0' }),
  );
  const ports = {
    identity: await freePort(),
    catalog: await freePort(),
    inventory: await freePort(),
    grpc: await freePort(),
    payment: await freePort(),
    cart: await freePort(),
  };
  const children: ChildService[] = [];
  const started = async (promise: Promise<ChildService>) => {
    const child = await promise;
    children.push(child);
    return child;
  };
  const cleanup = async () => {
    await Promise.all(children.map((child) => child.stop()));
    await psp.close();
    await broker.cleanup();
    for (const [, name] of databases) await dropDatabase(DEFAULT_TEST_SERVER_URL, name!);
  };

  let identity: ChildService, catalog: ChildService, inventory: ChildService;
  let payment: ChildService, cart: ChildService | undefined;
  try {
    [identity, catalog, inventory, payment, cart] = await Promise.all([
      started(
        startChildService({
          service: 'identity',
          prefix: 'IDENTITY',
          port: ports.identity,
          env: {
            ...events('IDENTITY', false),
            IDENTITY_JWT_PRIVATE_KEY: privateKey,
            IDENTITY_SERVICE_CLIENTS: `orders:${secret}`,
          },
        }),
      ),
      started(
        startChildService({
          service: 'catalog',
          prefix: 'CATALOG',
          port: ports.catalog,
          env: {
            ...events('CATALOG', true),
            CATALOG_JWT_PUBLIC_KEY: publicKey,
            CATALOG_REDIS_KEY_PREFIX: `test:${broker.exchange}:`,
          },
        }),
      ),
      started(
        startChildService({
          service: 'inventory',
          prefix: 'INVENTORY',
          port: ports.inventory,
          env: {
            ...events('INVENTORY', true),
            INVENTORY_JWT_PUBLIC_KEY: publicKey,
            INVENTORY_GRPC_HOST: '127.0.0.1',
            INVENTORY_GRPC_PORT: String(ports.grpc),
            INVENTORY_MQTT_ENABLED: 'false',
            INVENTORY_EXPIRY_SWEEP_INTERVAL_MS: '200',
          },
        }),
      ),
      started(
        startChildService({
          service: 'payment',
          prefix: 'PAYMENT',
          port: ports.payment,
          env: {
            ...events('PAYMENT', false),
            PAYMENT_JWT_PUBLIC_KEY: publicKey,
            PAYMENT_PSP_BASE_URL: psp.url,
            PAYMENT_PSP_BACKOFF_BASE_MS: '1',
            PAYMENT_PSP_BACKOFF_MAX_MS: '5',
            PAYMENT_PSP_ATTEMPT_TIMEOUT_MS: '1000',
            PAYMENT_PSP_BREAKER_MINIMUM_CALLS: '1000',
          },
        }),
      ),
      options.cart
        ? started(
            startChildService({
              service: 'cart',
              prefix: 'CART',
              port: ports.cart,
              env: {
                ...events('CART', true),
                CART_JWT_PUBLIC_KEY: publicKey,
                CART_CATALOG_URL: `http://127.0.0.1:${ports.catalog}`,
              },
            }),
          )
        : Promise.resolve(undefined),
    ]);
  } catch (error) {
    await cleanup().catch(() => undefined);
    throw error;
  }

  const grpcAddress = `127.0.0.1:${ports.grpc}`;
  const grpc = createInventoryServiceClient(grpcAddress, { defaultDeadlineMs: 10_000 });
  const ordersDatabaseUrl = dbUrl('orders');
  const ordersDb = new pg.Pool({ connectionString: ordersDatabaseUrl, max: 4 });
  const token = (roles: string[], subject: string = randomUUID()) =>
    new SignJWT({ roles })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer('bazaar-identity')
      .setSubject(subject)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime('15m')
      .sign(signingKey);
  const adminToken = () => token(['admin']);

  const ordersEnv = (overrides: Record<string, string> = {}): Record<string, string> => ({
    ORDERS_JWT_PUBLIC_KEY: publicKey,
    ...events('ORDERS', true),
    ORDERS_INVENTORY_GRPC_ADDRESS: grpcAddress,
    ORDERS_INVENTORY_CALL_DEADLINE_MS: '2000',
    ORDERS_INVENTORY_BACKOFF_BASE_MS: '20',
    ORDERS_INVENTORY_BACKOFF_MAX_MS: '100',
    ORDERS_PAYMENT_BASE_URL: payment.url,
    ORDERS_CATALOG_BASE_URL: catalog.url,
    ORDERS_CART_BASE_URL: cart?.url ?? `http://127.0.0.1:${ports.cart}`,
    ORDERS_IDENTITY_BASE_URL: identity.url,
    ORDERS_SERVICE_CLIENT_SECRET: secret,
    ORDERS_SAGA_POLL_INTERVAL_MS: '100',
    ORDERS_SAGA_RETRY_BASE_MS: '100',
    ORDERS_SAGA_RETRY_MAX_MS: '1000',
    ...options.ordersEnv,
    ...overrides,
  });

  const startOrdersInProcess = async (overrides: Record<string, string> = {}) => {
    const config = ordersConfig.load({
      ORDERS_HTTP_HOST: '127.0.0.1',
      ORDERS_HTTP_PORT: '0',
      ORDERS_LOG_LEVEL: 'silent',
      ...ordersEnv(overrides),
    });
    const runtime = await createServiceRuntime(config, { service: 'orders' });
    const lifecycle = new ServiceLifecycle(runtime.lifecycleOptions);
    const definition = ordersService(config, {
      events: { connectionName: `${broker.connectionPrefix}:orders` },
    });
    let startedOrders: StartedService;
    try {
      startedOrders = await startService(definition, lifecycle, runtime);
    } catch (error) {
      await lifecycle.shutdown('start failed');
      throw error;
    }
    return {
      url: startedOrders.url,
      api: httpApi(startedOrders.url),
      started: startedOrders,
      parts: definition.parts(),
      stop: async () => void (await lifecycle.shutdown('test over')),
    };
  };

  let orders: InProcessOrders | undefined;
  try {
    if (options.orders !== 'none') orders = await startOrdersInProcess();
  } catch (error) {
    grpc.close();
    await ordersDb.end();
    await cleanup().catch(() => undefined);
    throw error;
  }

  const admin = await adminToken();
  const call = async (base: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json().catch(() => null)) as Record<string, unknown>,
    };
  };

  return {
    broker,
    psp,
    identity: identity!,
    catalog: catalog!,
    inventory: inventory!,
    payment: payment!,
    cart,
    orders,
    ordersDb,
    ordersDatabaseUrl,
    grpc,
    targets: {
      inventoryGrpc: { host: '127.0.0.1', port: ports.grpc },
      payment: { host: '127.0.0.1', port: ports.payment },
    },
    ordersEnv,
    startOrdersInProcess,
    token,
    async customer() {
      const id = randomUUID();
      return { id, token: await token(['customer'], id) };
    },
    adminToken,
    async product({ price = 1299, currency = 'USD', stock }) {
      const sku = `SKU-${randomBytes(5).toString('hex').toUpperCase()}`;
      const created = await call(catalog.url, 'POST', '/api/v1/products', {
        sku,
        name: `Test product ${sku}`,
        price: { amount: price, currency },
      });
      if (created.status !== 201)
        throw new Error(`catalog refused the product: ${JSON.stringify(created)}`);
      const productId = String(created.body.id);
      // Inventory learns the product from the catalog's product.created event.
      await waitFor(
        async () =>
          (await call(inventory.url, 'GET', `/api/v1/inventory/${productId}`)).status === 200,
        {
          timeoutMs: 20_000,
          description: `inventory to know product ${productId}`,
        },
      );
      if (stock > 0) {
        const adjusted = await call(
          inventory.url,
          'POST',
          `/api/v1/inventory/${productId}/adjustments`,
          {
            delta: stock,
            reason: 'RESTOCK',
          },
        );
        if (adjusted.status !== 201)
          throw new Error(`inventory refused the stock: ${JSON.stringify(adjusted)}`);
      }
      return productId;
    },
    async stock(productId) {
      const { levels } = await grpc.queryStock({ productIds: [productId] });
      const level = levels[0];
      if (!level) throw new Error(`no stock level for ${productId}`);
      return { onHand: level.onHand, reserved: level.reserved, available: level.available };
    },
    async stop() {
      await orders?.stop();
      grpc.close();
      await ordersDb.end();
      await cleanup();
    },
  };
}
