/**
 * The Redis read-through cache of getProduct in the real service: reads are counted as hits and
 * misses on the service's metrics, the HTTP write path leaves the cache alone, and the catalog's
 * own product events evict (or, on creation, fill) it, so an update is served once its event is
 * handled. A lost Redis connection that comes back flushes the cache (evictions may have failed).
 */
import { buildEvent } from '@bazaar/generated/events/registry';
import { waitFor } from '@bazaar/platform/testing/index';
import { type CatalogHarness, newProductBody, startCatalog } from '../support/catalog-harness';

let catalog: CatalogHarness;
let admin: string;

beforeAll(async () => {
  catalog = await startCatalog('catalog-cache');
  admin = await catalog.tokenFor(['admin']);
}, 60_000);

afterAll(async () => {
  await catalog?.stop();
}, 60_000);

async function counts(): Promise<{ hits: number; misses: number }> {
  return {
    hits: await catalog.metric('product_cache_hits_total'),
    misses: await catalog.metric('product_cache_misses_total'),
  };
}

/** Creates a product and waits until its own product.created event has been handled. */
async function createdAndSettled(sku: string): Promise<Record<string, unknown>> {
  const response = await catalog.api('POST', '/api/v1/products', {
    token: admin,
    body: newProductBody(sku),
  });
  expect(response.status).toBe(201);
  await catalog.waitForOwnEvents(response.body.id as string);
  return response.body;
}

const entryKey = (id: unknown) => `${catalog.keyPrefix}product:${id as string}`;

/**
 * Holds the catalog's consumer back: its inbox insert waits for this table lock, so no event is
 * handled (and nothing is evicted) until `release` rolls the lock back.
 */
async function holdEventHandling(): Promise<{ release: () => Promise<void> }> {
  const client = await catalog.database.pool.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE platform.inbox IN EXCLUSIVE MODE');
  return {
    async release() {
      await client.query('ROLLBACK');
      client.release();
    },
  };
}

describe('product cache', () => {
  it('caches a product as soon as its created event is handled, so the first read is a hit', async () => {
    const product = await createdAndSettled('CACHE-CREATED-1');
    expect(JSON.parse((await catalog.redis.get(entryKey(product.id)))!)).toEqual(product);
    const before = await counts();
    const response = await catalog.api('GET', `/api/v1/products/${product.id as string}`);
    expect(response.body).toEqual(product);
    expect(await counts()).toEqual({ hits: before.hits + 1, misses: before.misses });
  });

  it('fills the cache on a miss and serves the second read from it', async () => {
    const product = await createdAndSettled('CACHE-MISS-1');
    await catalog.redis.del(entryKey(product.id));
    const before = await counts();
    const first = await catalog.api('GET', `/api/v1/products/${product.id as string}`);
    expect(await counts()).toEqual({ hits: before.hits, misses: before.misses + 1 });
    expect(JSON.parse((await catalog.redis.get(entryKey(product.id)))!)).toEqual(product);
    const second = await catalog.api('GET', `/api/v1/products/${product.id as string}`);
    expect(second.body).toEqual(first.body);
    expect(await counts()).toEqual({ hits: before.hits + 1, misses: before.misses + 1 });
  });

  it('leaves the cache alone on an update until the update event is handled, then serves the new value', async () => {
    const product = await createdAndSettled('CACHE-UPDATE-1');
    const path = `/api/v1/products/${product.id as string}`;
    const held = await holdEventHandling();
    let patched: Record<string, unknown>;
    try {
      patched = (await catalog.api('PATCH', path, { token: admin, body: { name: 'Renamed mug' } }))
        .body;
      expect(patched.name).toBe('Renamed mug');
      // The write committed, but only the event may touch the cache: the old copy is still served.
      expect((await catalog.api('GET', path)).body).toEqual(product);
    } finally {
      await held.release();
    }
    await catalog.waitForOwnEvents(product.id as string);
    expect(await catalog.redis.get(entryKey(product.id))).toBeNull();
    const before = await counts();
    expect((await catalog.api('GET', path)).body).toEqual(patched);
    expect((await catalog.api('GET', path)).body).toEqual(patched);
    expect(await counts()).toEqual({ hits: before.hits + 1, misses: before.misses + 1 });
  });

  it('evicts a product on a price change and on its withdrawal', async () => {
    const product = await createdAndSettled('CACHE-PRICE-1');
    const path = `/api/v1/products/${product.id as string}`;
    await catalog.api('PATCH', path, {
      token: admin,
      body: { price: { amount: 1, currency: 'USD' } },
    });
    await catalog.waitForOwnEvents(product.id as string);
    expect(await catalog.redis.get(entryKey(product.id))).toBeNull();
    expect((await catalog.api('GET', path)).body.price).toEqual({ amount: 1, currency: 'USD' });
    expect(await catalog.redis.get(entryKey(product.id))).not.toBeNull();
    await catalog.api('DELETE', path, { token: admin });
    await catalog.waitForOwnEvents(product.id as string);
    expect(await catalog.redis.get(entryKey(product.id))).toBeNull();
    expect((await catalog.api('GET', path)).status).toBe(404);
    expect(await catalog.redis.get(entryKey(product.id))).toBeNull();
  });

  it('evicts a product whose stock flips, so the read shows the new inStock', async () => {
    const product = await createdAndSettled('CACHE-STOCK-1');
    const event = buildEvent('ecommerce.inventory.stock.depleted.v1', {
      productId: product.id as string,
      sku: 'CACHE-STOCK-1',
      depletedAt: new Date().toISOString(),
    });
    const restock = buildEvent(
      'ecommerce.inventory.stock.adjusted.v1',
      {
        productId: product.id as string,
        sku: 'CACHE-STOCK-1',
        adjustmentId: '5d6e7f80-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
        delta: 4,
        reason: 'RESTOCK',
        source: 'ADMIN',
        onHand: 4,
        reserved: 0,
        available: 4,
        adjustedAt: new Date(Date.now() + 1_000).toISOString(),
      },
      { occurredAt: new Date(Date.now() + 1_000) },
    );
    await catalog.publish(event);
    await catalog.waitForHandled(event.eventId);
    expect(await catalog.redis.get(entryKey(product.id))).not.toBeNull();
    await catalog.publish(restock);
    await catalog.waitForHandled(restock.eventId);
    expect(await catalog.redis.get(entryKey(product.id))).toBeNull();
    expect(
      (await catalog.api('GET', `/api/v1/products/${product.id as string}`)).body.inStock,
    ).toBe(true);
  });

  it('reports the hit ratio of all reads so far', async () => {
    const { hits, misses } = await counts();
    expect(hits).toBeGreaterThan(0);
    expect(await catalog.metric('product_cache_hit_ratio')).toBeCloseTo(hits / (hits + misses), 10);
  });

  it('flushes the cached products when a lost Redis connection comes back', async () => {
    const product = await createdAndSettled('CACHE-FLUSH-1');
    await catalog.redis.set(entryKey('00000000-0000-4000-8000-000000000000'), '{"stale":true}');
    const clients = (await catalog.redis.client('LIST')) as string;
    const line = clients.split('\n').find((l) => l.includes(` name=catalog@${process.pid} `));
    const id = /^id=(\d+)/.exec(line ?? '')?.[1];
    expect(id).toBeDefined();
    await catalog.redis.client('KILL', 'ID', id!);
    await waitFor(
      async () => (await catalog.redis.keys(`${catalog.keyPrefix}product:*`)).length === 0,
      {
        timeoutMs: 10_000,
        description: 'the cache flushed after the reconnect',
      },
    );
    expect((await catalog.api('GET', `/api/v1/products/${product.id as string}`)).status).toBe(200);
  });
});
