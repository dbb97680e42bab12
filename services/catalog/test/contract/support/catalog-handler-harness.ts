/**
 * Delivers a message to the catalog's real event handlers the way its consumer does: validated
 * against the event registry, then run through the inbox in a transaction on a test database,
 * with a real product cache on the suite's own Redis prefix.
 */
import { randomBytes } from 'node:crypto';
import type { CatalogReceiveType } from '@bazaar/generated/events/catalog';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { handleOnce, silentLogger } from '@bazaar/platform/events/index';
import { createLogger, createMetricsRegistry } from '@bazaar/platform/telemetry/index';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing/index';
import type { Redis } from 'ioredis';
import { catalogSubscriptions } from '../../../src/event-handlers/subscriptions';
import { ProductCache } from '../../../src/persistence/product-cache';
import { createProductCacheMetrics } from '../../../src/persistence/product-cache.metrics';
import {
  closeRedisConnection,
  openRedisConnection,
} from '../../../src/persistence/redis-connection';
import { CATALOG_MIGRATIONS_DIR } from '../../../src/service';
import type { CatalogDeps } from '../../../src/use-cases/catalog-deps';

export interface CatalogHandlerHarness {
  database: TestDatabase;
  deps: CatalogDeps;
  /** Validates `message` as the consumer would and runs its handler once; false if a duplicate. */
  deliver(message: unknown): Promise<boolean>;
  close(): Promise<void>;
}

export async function catalogHandlerHarness(suite: string): Promise<CatalogHandlerHarness> {
  const database = await createTestDatabase(suite, {
    serviceMigrationsDir: CATALOG_MIGRATIONS_DIR,
  });
  const keyPrefix = `test:${suite}:${randomBytes(5).toString('hex')}:`;
  const log = createLogger({ service: 'catalog', level: 'silent' });
  const redis: Redis = openRedisConnection({
    url: 'redis://127.0.0.1:6379',
    commandTimeoutMs: 500,
    connectionName: `${suite}-handlers`,
    log,
    onReconnected: () => undefined,
  });
  const cache = new ProductCache(redis, {
    keyPrefix,
    ttlSeconds: 60,
    log,
    metrics: createProductCacheMetrics(
      createMetricsRegistry({ service: 'catalog', defaultMetrics: false }),
    ),
  });
  const deps: CatalogDeps = {
    pool: database.pool,
    cache,
    clock: () => new Date(),
    newId: () => {
      throw new Error('tests choose their product ids');
    },
  };
  const handlers = catalogSubscriptions(deps);
  return {
    database,
    deps,
    async deliver(message) {
      const validation = eventRegistry.validate(message);
      if (!validation.ok)
        throw new Error(
          `the catalog would dead-letter this message: ${validation.errors.join('; ')}`,
        );
      const event = validation.event;
      const handler = handlers[event.eventType as CatalogReceiveType] as (
        event: unknown,
        ctx: unknown,
      ) => Promise<void>;
      if (!handler) throw new Error(`the catalog does not receive ${event.eventType}`);
      const outcome = await handleOnce(database.pool, 'catalog', event, (db) =>
        handler(event, {
          db,
          log: silentLogger,
          attempt: 1,
          consumer: 'catalog',
          redelivered: false,
        }),
      );
      return outcome.handled;
    },
    async close() {
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await closeRedisConnection(redis);
      await database.drop();
    },
  };
}
