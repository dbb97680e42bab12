/**
 * Every CATALOG_* variable (services/catalog/src/config.ts): the shared bootstrap and
 * infrastructure variables plus the Redis product cache settings. The README's table is
 * generated from here.
 */
import { configTypes, defineConfig, serviceVariables } from '@bazaar/platform/config/index';
import { infrastructureVariables } from '@bazaar/platform/service/index';

/** contracts/README.md: catalog's REST port. */
export const CATALOG_HTTP_PORT = 3002;

export const catalogConfig = defineConfig('CATALOG', {
  ...serviceVariables({ httpPort: CATALOG_HTTP_PORT }),
  ...infrastructureVariables({ database: 'bazaar_catalog', broker: true, redis: true }),
  redisKeyPrefix: {
    type: configTypes.string({
      pattern: /^[A-Za-z0-9:._-]{1,64}$/,
      patternDescription: '1-64 letters, digits, ":", ".", "_" or "-"',
    }),
    default: 'catalog:',
    description:
      'Prefix of every Redis key the catalog writes (a product is cached at <prefix>product:{id}).',
  },
  productCacheTtlSeconds: {
    type: configTypes.integer({ min: 1, max: 86_400 }),
    default: 300,
    unit: 's',
    description:
      'Lifetime of a cached product: events evict entries at once, the TTL only bounds staleness if an eviction is lost.',
  },
  redisCommandTimeoutMs: {
    type: configTypes.integer({ min: 10, max: 10_000 }),
    default: 200,
    unit: 'ms',
    description:
      'How long a Redis command may take before the read falls back to PostgreSQL (the cache is never worth a slow answer).',
  },
});

export type CatalogConfig = ReturnType<typeof catalogConfig.load>;
