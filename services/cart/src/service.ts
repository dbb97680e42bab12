/**
 * The cart service from its parts: database and migrations, the catalog client, the REST
 * operations and the event subscriptions, started by the platform (startService in tests,
 * runServiceMain in main.ts).
 */
import path from 'node:path';
import { cartEvents } from '@bazaar/generated/events/cart';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { mountCartApi } from '@bazaar/generated/http/cart/server';
import type { ServiceDefinition, ServiceEvents } from '@bazaar/platform/service/index';
import type { CartConfig } from './config';
import { cartSubscriptions } from './event-handlers/subscriptions';
import { cartRoutes } from './http/routes';
import { createCatalogProducts, type CatalogProducts } from './outbound/catalog.http-client';

export const CART_MIGRATIONS_DIR = path.resolve(__dirname, '../migrations');

export interface CartServiceOverrides {
  /** Unique exchange, queue prefix and connection name per test suite. */
  events?: Pick<ServiceEvents, 'exchange' | 'queuePrefix' | 'connectionName'>;
  /** Receives the catalog client once built (tests watch its circuit). */
  onCatalogClient?: (catalog: CatalogProducts) => void;
}

export function cartService(
  config: CartConfig,
  overrides: CartServiceOverrides = {},
): ServiceDefinition<CartConfig> {
  return {
    service: 'cart',
    config,
    migrationsDir: CART_MIGRATIONS_DIR,
    events: {
      registry: eventRegistry,
      sends: cartEvents.sends,
      receives: cartEvents.receives,
      ...overrides.events,
    },
    build({ pool, runtime }) {
      if (!pool) throw new Error('cart: the service database is not configured');
      const catalog = createCatalogProducts({
        baseUrl: config.catalogUrl,
        timeoutMs: config.catalogTimeoutMs,
        deadlineMs: config.catalogDeadlineMs,
        attempts: config.catalogAttempts,
        retryBaseDelayMs: config.catalogRetryBaseDelayMs,
        retryMaxDelayMs: config.catalogRetryMaxDelayMs,
        breakerThreshold: config.catalogBreakerThreshold,
        breakerHalfOpenAfterMs: config.catalogBreakerHalfOpenAfterMs,
        retryAfterSeconds: config.catalogRetryAfterSeconds,
        metrics: runtime.metrics,
      });
      catalog.breaker.onStateChange((state) =>
        runtime.logger.warn({ circuit: 'catalog', state }, 'catalog circuit changed state'),
      );
      overrides.onCatalogClient?.(catalog);
      return {
        mountApi: (router) =>
          mountCartApi(router, cartRoutes({ pool, catalog }), runtime.mountOptions),
        subscriptions: cartSubscriptions,
      };
    },
  };
}
