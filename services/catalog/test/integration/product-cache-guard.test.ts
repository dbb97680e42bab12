/**
 * The product cache on its own against real Redis: the version floor an eviction leaves behind
 * stops a read that loaded the product before the change from caching the old value afterwards,
 * and a Redis nobody answers on makes every operation fail soft (counted, never thrown).
 */
import { randomBytes } from 'node:crypto';
import { createLogger, createMetricsRegistry } from '@bazaar/platform/telemetry/index';
import type { ProductView } from '../../src/domain/product';
import { ProductCache } from '../../src/persistence/product-cache';
import { createProductCacheMetrics } from '../../src/persistence/product-cache.metrics';
import { closeRedisConnection, openRedisConnection } from '../../src/persistence/redis-connection';

const log = createLogger({ service: 'catalog-test', level: 'silent' });
const prefix = `test:catalog-guard:${randomBytes(5).toString('hex')}:`;
const id = '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70';

function view(name: string): ProductView {
  return {
    id,
    sku: 'MUG-BLUE-01',
    name,
    description: '',
    categoryId: null,
    price: { amount: 1299, currency: 'USD' },
    inStock: false,
    salesCount: 0,
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
  };
}

function cacheOn(url: string) {
  const registry = createMetricsRegistry({ service: 'catalog', defaultMetrics: false });
  const redis = openRedisConnection({
    url,
    commandTimeoutMs: 200,
    connectionName: 'catalog-guard-test',
    log,
    onReconnected: () => undefined,
  });
  const cache = new ProductCache(redis, {
    keyPrefix: prefix,
    ttlSeconds: 60,
    log,
    metrics: createProductCacheMetrics(registry),
  });
  const metric = async (name: string) =>
    (await registry.getSingleMetric(name)!.get()).values.reduce((sum, v) => sum + v.value, 0);
  return { redis, cache, metric };
}

describe('product cache version floor', () => {
  const { redis, cache } = cacheOn('redis://127.0.0.1:6379');

  beforeAll(async () => {
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await closeRedisConnection(redis);
  });

  it('refuses a value loaded before the eviction of a newer version', async () => {
    expect(await cache.fill(id, view('old'), 1)).toBe(true);
    await cache.evict(id, 2);
    expect(await cache.read(id)).toBeUndefined();
    expect(await cache.fill(id, view('old'), 1)).toBe(false);
    expect(await cache.read(id)).toBeUndefined();
  });

  it('accepts a value loaded at or after the evicted version', async () => {
    expect(await cache.fill(id, view('new'), 2)).toBe(true);
    expect(await cache.read(id)).toEqual(view('new'));
  });

  it('never lowers the floor when an older eviction arrives late', async () => {
    await cache.evict(id, 5);
    await cache.evict(id, 3);
    expect(await cache.fill(id, view('v4'), 4)).toBe(false);
    expect(await cache.fill(id, view('v5'), 5)).toBe(true);
  });
});

describe('product cache without Redis', () => {
  const { redis, cache, metric } = cacheOn('redis://127.0.0.1:1');

  afterAll(async () => {
    await closeRedisConnection(redis);
  });

  it('answers a miss, refuses fills and swallows evictions, counting each failure', async () => {
    expect(await cache.read(id)).toBeUndefined();
    expect(await cache.fill(id, view('x'), 1)).toBe(false);
    await expect(cache.evict(id, 2)).resolves.toBeUndefined();
    expect(await metric('product_cache_errors_total')).toBe(3);
    expect(await metric('product_cache_misses_total')).toBe(1);
  });
});
