/**
 * Metrics of the Redis product cache (services/catalog/src/persistence), on the service registry:
 * hits, misses, failed Redis commands by operation, and `product_cache_hit_ratio`
 * (architecture §8), hits / (hits + misses) since the process started.
 */
import { Counter, Gauge, type Registry } from '@bazaar/platform/telemetry/index';

export type CacheOperation = 'read' | 'fill' | 'evict' | 'flush';

export interface ProductCacheMetrics {
  hits: Counter;
  misses: Counter;
  errors: Counter<'operation'>;
}

export function createProductCacheMetrics(registry: Registry): ProductCacheMetrics {
  const hits = new Counter({
    name: 'product_cache_hits_total',
    help: 'Product reads answered from the Redis cache.',
    registers: [registry],
  });
  const misses = new Counter({
    name: 'product_cache_misses_total',
    help: 'Product reads that went to PostgreSQL (not cached, or Redis failed).',
    registers: [registry],
  });
  const errors = new Counter({
    name: 'product_cache_errors_total',
    help: 'Redis commands of the product cache that failed, by operation.',
    labelNames: ['operation'],
    registers: [registry],
  });
  new Gauge({
    name: 'product_cache_hit_ratio',
    help: 'Share of product reads answered from the cache since start (0 before the first read).',
    registers: [registry],
    async collect() {
      const hit = (await hits.get()).values[0]?.value ?? 0;
      const miss = (await misses.get()).values[0]?.value ?? 0;
      this.set(hit + miss === 0 ? 0 : hit / (hit + miss));
    },
  });
  return { hits, misses, errors };
}
