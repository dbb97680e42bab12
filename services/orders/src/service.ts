/**
 * The orders service assembled from its parts (style §2.1): persistence → use cases → the REST
 * routes (placeOrder and payOrder behind the Idempotency-Key middleware, which the generated
 * binding runs after authentication and validation), the event subscriptions (read model and
 * payment reports), and the saga worker, started by startService after HTTP and stopped before it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ordersEvents } from '@bazaar/generated/events/orders';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { mountOrdersApi } from '@bazaar/generated/http/orders/server';
import { idempotencyKey } from '@bazaar/platform/idempotency/index';
import type { ServiceDefinition, ServiceEvents } from '@bazaar/platform/service/index';
import { checkOrdersConfig, type OrdersConfig } from './config';
import type { SagaLeases } from './domain/place-order-saga';
import { ordersSubscriptions } from './event-handlers/subscriptions';
import { ordersRoutes } from './http/routes';
import { createOrdersMetrics } from './metrics';
import { CartHttpClient } from './outbound/cart.http-client';
import { CatalogHttpClient } from './outbound/catalog.http-client';
import { InventoryGrpcClient } from './outbound/inventory.grpc-client';
import { PaymentHttpClient } from './outbound/payment.http-client';
import { ServiceTokenProvider } from './outbound/service-token.provider';
import type { UseCaseDeps } from './use-cases/use-case-deps';
import { SagaWorker } from './workers/saga.worker';

export const ORDERS_MIGRATIONS_DIR = path.resolve(__dirname, '../migrations');

export interface OrdersServiceOptions {
  /** Unique exchange, queue prefix and connection name (tests); default the configured ones. */
  events?: Pick<ServiceEvents, 'exchange' | 'queuePrefix' | 'connectionName'>;
  /** Default: the system clock. */
  clock?: () => Date;
}

export interface OrdersParts {
  deps: UseCaseDeps;
  worker: SagaWorker;
}

export interface OrdersServiceDefinition extends ServiceDefinition<OrdersConfig> {
  /** The built parts; throws before startService has run build(). */
  parts(): OrdersParts;
}

/** Margin for the database work around a remote call, ms. */
const MARGIN_MS = 2_000;

/**
 * How long a step may run in the request that started it before the worker takes it over: the
 * longest the calls in it can take (every attempt at its deadline, every backoff at its cap).
 */
export function sagaLeases(config: OrdersConfig): SagaLeases {
  const inventoryMs =
    config.inventoryAttempts * config.inventoryCallDeadlineMs +
    (config.inventoryAttempts - 1) * config.inventoryBackoffMaxMs;
  // A charge may be sent twice (once more after a 401 renewed the service token).
  const paymentMs = 2 * config.paymentTimeoutMs;
  return {
    reserveMs: inventoryMs + MARGIN_MS,
    chargeMs: paymentMs + inventoryMs + MARGIN_MS,
    commitMs: inventoryMs + MARGIN_MS,
    compensateMs: inventoryMs + paymentMs + MARGIN_MS,
  };
}

export function ordersService(
  config: OrdersConfig,
  options: OrdersServiceOptions = {},
): OrdersServiceDefinition {
  checkOrdersConfig(config);
  let built: OrdersParts | undefined;
  return {
    service: 'orders',
    config,
    migrationsDir: ORDERS_MIGRATIONS_DIR,
    events: {
      registry: eventRegistry,
      sends: ordersEvents.sends,
      receives: ordersEvents.receives,
      ...options.events,
    },
    parts() {
      if (!built) throw new Error('the orders service has not been built yet');
      return built;
    },
    build({ pool, runtime }) {
      if (!pool) throw new Error('orders needs its database');
      const logger = runtime.logger;
      const metrics = createOrdersMetrics(runtime.metrics);
      const tokens = new ServiceTokenProvider({
        identityBaseUrl: config.identityBaseUrl,
        clientId: config.serviceClientId,
        clientSecret: config.serviceClientSecret,
        renewBeforeSeconds: config.serviceTokenRenewBeforeSeconds,
        timeoutMs: config.lookupTimeoutMs,
      });
      const inventory = new InventoryGrpcClient({
        address: config.inventoryGrpcAddress,
        callDeadlineMs: config.inventoryCallDeadlineMs,
        attempts: config.inventoryAttempts,
        backoffBaseMs: config.inventoryBackoffBaseMs,
        backoffMaxMs: config.inventoryBackoffMaxMs,
        onRetry: (rpc, attempt, error) =>
          logger.info({ rpc, attempt, err: error }, 'inventory call failed; retrying'),
      });
      const leases = sagaLeases(config);
      const deps: UseCaseDeps = {
        pool,
        clock: options.clock ?? (() => new Date()),
        newId: randomUUID,
        inventory,
        payment: new PaymentHttpClient({
          baseUrl: config.paymentBaseUrl,
          token: () => tokens.token(),
          onUnauthorized: () => tokens.invalidate(),
          timeoutMs: config.paymentTimeoutMs,
        }),
        catalog: new CatalogHttpClient({
          baseUrl: config.catalogBaseUrl,
          timeoutMs: config.lookupTimeoutMs,
        }),
        cart: new CartHttpClient({
          baseUrl: config.cartBaseUrl,
          timeoutMs: config.lookupTimeoutMs,
        }),
        reservationTtlSeconds: config.reservationTtlSeconds,
        leases,
        backoff: { baseMs: config.sagaRetryBaseMs, maxMs: config.sagaRetryMaxMs },
        metrics,
        logger,
      };
      const worker = new SagaWorker({
        deps,
        pollIntervalMs: config.sagaPollIntervalMs,
        batchSize: config.sagaBatchSize,
        // One run may charge, commit and compensate in a row.
        claimLeaseMs: leases.chargeMs + leases.commitMs + leases.compensateMs,
      });
      built = { deps, worker };
      const idempotency = idempotencyKey({
        pool,
        onStoreError: (error) => logger.error({ err: error }, 'Idempotency-Key record not stored'),
      });
      return {
        mountApi: (router) =>
          mountOrdersApi(router, ordersRoutes(deps, config), {
            ...runtime.mountOptions,
            operationMiddleware: { placeOrder: [idempotency], payOrder: [idempotency] },
          }),
        subscriptions: ordersSubscriptions(deps),
        workers: [worker],
        close: async () => inventory.close(),
      };
    },
  };
}
