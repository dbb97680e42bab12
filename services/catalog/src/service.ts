/**
 * The catalog service from its parts (services/catalog/src/service.ts): PostgreSQL (migrated from
 * ../migrations), the outbox relay for its product events, the consumer of what it receives, the
 * Redis product cache and the generated REST binding. main.ts runs it; tests start it with
 * startService and their own names.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { catalogEvents } from '@bazaar/generated/events/catalog';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { mountCatalogApi } from '@bazaar/generated/http/catalog/server';
import type { ServiceDefinition, ServiceEvents } from '@bazaar/platform/service/index';
import type { CatalogConfig } from './config';
import { catalogSubscriptions } from './event-handlers/subscriptions';
import { catalogRoutes } from './http/routes';
import { ProductCache } from './persistence/product-cache';
import { createProductCacheMetrics } from './persistence/product-cache.metrics';
import { closeRedisConnection, openRedisConnection } from './persistence/redis-connection';
import type { CatalogDeps } from './use-cases/catalog-deps';

export const CATALOG_MIGRATIONS_DIR = path.resolve(__dirname, '../migrations');

export interface CatalogServiceOverrides {
  /** Unique exchange, queue prefix and connection name (tests). */
  events?: Pick<ServiceEvents, 'exchange' | 'queuePrefix' | 'connectionName'>;
  clock?: () => Date;
  newId?: () => string;
}

export function catalogService(
  config: CatalogConfig,
  overrides: CatalogServiceOverrides = {},
): ServiceDefinition<CatalogConfig> {
  return {
    service: 'catalog',
    config,
    migrationsDir: CATALOG_MIGRATIONS_DIR,
    events: {
      registry: eventRegistry,
      sends: catalogEvents.sends,
      receives: catalogEvents.receives,
      ...overrides.events,
    },
    build({ pool, runtime }) {
      const log = runtime.logger;
      if (!pool || config.redisUrl === undefined)
        throw new Error('catalog needs its database and Redis (infrastructureVariables)');
      const redis = openRedisConnection({
        url: config.redisUrl,
        commandTimeoutMs: config.redisCommandTimeoutMs,
        connectionName: `catalog@${process.pid}`,
        log,
        // Evictions may have failed while the connection was down: start again from empty.
        onReconnected: () =>
          void cache.flush().then((flushed) => log.info({ flushed }, 'product cache flushed')),
      });
      const cache = new ProductCache(redis, {
        keyPrefix: config.redisKeyPrefix,
        ttlSeconds: config.productCacheTtlSeconds,
        log,
        metrics: createProductCacheMetrics(runtime.metrics),
      });
      const deps: CatalogDeps = {
        pool,
        cache,
        clock: overrides.clock ?? (() => new Date()),
        newId: overrides.newId ?? randomUUID,
      };
      return {
        mountApi: (router) => mountCatalogApi(router, catalogRoutes(deps), runtime.mountOptions),
        subscriptions: catalogSubscriptions(deps),
        close: () => closeRedisConnection(redis),
      };
    },
  };
}
