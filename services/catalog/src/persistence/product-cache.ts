/**
 * The Redis read-through cache of getProduct (services/catalog/src/persistence; seed 003 §7): key
 * `<prefix>product:{id}` holds the contract Product as JSON. Reads fill it; only event handlers
 * evict it (architecture §6). Each eviction also raises the product's version floor, and a fill
 * carrying an older row version is refused, so a read that loaded the product just before a
 * change cannot put the old value back after the eviction. Redis failures are logged, counted
 * and answered from PostgreSQL: the cache never fails a request or an event.
 */
import type { Logger } from '@bazaar/platform/telemetry/index';
import type { Redis } from 'ioredis';
import type { ProductView } from '../domain/product';
import type { CacheOperation, ProductCacheMetrics } from './product-cache.metrics';

// KEYS: entry, floor. ARGV: row version, JSON, TTL (s). Refuses values older than the floor.
const FILL_SCRIPT = `
local floor = redis.call('GET', KEYS[2])
if floor and tonumber(ARGV[1]) < tonumber(floor) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1`;

// KEYS: entry, floor. ARGV: row version, TTL (s). Raises the floor (never lowers it), drops the entry.
const EVICT_SCRIPT = `
local floor = redis.call('GET', KEYS[2])
if (not floor) or tonumber(ARGV[1]) > tonumber(floor) then
  redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[2])
end
return redis.call('DEL', KEYS[1])`;

interface CacheScripts {
  catalogProductFill(
    entry: string,
    floor: string,
    version: number,
    json: string,
    ttl: number,
  ): Promise<number>;
  catalogProductEvict(entry: string, floor: string, version: number, ttl: number): Promise<number>;
}

export interface ProductCacheOptions {
  /** Every key starts with it (tests use a unique one). */
  keyPrefix: string;
  ttlSeconds: number;
  log: Logger;
  metrics: ProductCacheMetrics;
}

export class ProductCache {
  private readonly scripts: CacheScripts;
  /** True while Redis commands fail: the outage is logged once, not once per request. */
  private failing = false;

  constructor(
    private readonly redis: Redis,
    private readonly options: ProductCacheOptions,
  ) {
    redis.defineCommand('catalogProductFill', { numberOfKeys: 2, lua: FILL_SCRIPT });
    redis.defineCommand('catalogProductEvict', { numberOfKeys: 2, lua: EVICT_SCRIPT });
    this.scripts = redis as unknown as CacheScripts;
  }

  /** `<prefix>product:{id}`: where the product's JSON is cached. */
  entryKey(id: string): string {
    return `${this.options.keyPrefix}product:${id}`;
  }

  private floorKey(id: string): string {
    return `${this.options.keyPrefix}product-floor:${id}`;
  }

  /** The cached product, or undefined on a miss or when Redis fails (counted as a miss). */
  async read(id: string): Promise<ProductView | undefined> {
    const cached = await this.attempt('read', id, async () => {
      const json = await this.redis.get(this.entryKey(id));
      return json === null ? undefined : (JSON.parse(json) as ProductView);
    });
    if (cached !== undefined) {
      this.options.metrics.hits.inc();
      return cached;
    }
    this.options.metrics.misses.inc();
    return undefined;
  }

  /** Caches `view` loaded at row `version`, unless an eviction has since raised the floor past it. */
  async fill(id: string, view: ProductView, version: number): Promise<boolean> {
    const stored = await this.attempt('fill', id, () =>
      this.scripts.catalogProductFill(
        this.entryKey(id),
        this.floorKey(id),
        version,
        JSON.stringify(view),
        this.options.ttlSeconds,
      ),
    );
    return stored === 1;
  }

  /** Drops the cached product and refuses later fills older than row `version`. */
  async evict(id: string, version: number): Promise<void> {
    await this.attempt('evict', id, () =>
      this.scripts.catalogProductEvict(
        this.entryKey(id),
        this.floorKey(id),
        version,
        this.options.ttlSeconds,
      ),
    );
  }

  /**
   * Drops every cached product under the prefix (after a lost connection comes back: evictions
   * may have failed meanwhile). Returns how many entries went.
   */
  async flush(): Promise<number> {
    const flushed = await this.attempt('flush', '*', async () => {
      let count = 0;
      const stream = this.redis.scanStream({
        match: `${this.options.keyPrefix}product:*`,
        count: 500,
      });
      for await (const keys of stream as AsyncIterable<string[]>) {
        if (keys.length > 0) count += await this.redis.unlink(...keys);
      }
      return count;
    });
    return flushed ?? 0;
  }

  private async attempt<T>(
    operation: CacheOperation,
    productId: string,
    command: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      const result = await command();
      if (this.failing) {
        this.failing = false;
        this.options.log.info({ operation }, 'product cache answers again');
      }
      return result;
    } catch (err) {
      this.options.metrics.errors.inc({ operation });
      if (!this.failing) {
        this.failing = true;
        this.options.log.warn(
          { err, operation, productId },
          'product cache failed; answering from PostgreSQL until Redis is back',
        );
      }
      return undefined;
    }
  }
}
