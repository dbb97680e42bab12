/**
 * The real catalog with a Redis nobody answers on: product reads are answered from PostgreSQL
 * (each counted as a miss and a cache error), and writes and their events go on as usual.
 */
import { type CatalogHarness, newProductBody, startCatalog } from '../support/catalog-harness';

let catalog: CatalogHarness;

beforeAll(async () => {
  catalog = await startCatalog('catalog-cache-outage', {
    env: { CATALOG_REDIS_URL: 'redis://127.0.0.1:1', CATALOG_REDIS_COMMAND_TIMEOUT_MS: '100' },
  });
}, 60_000);

afterAll(async () => {
  await catalog?.stop();
}, 60_000);

describe('catalog while Redis is down', () => {
  it('answers product reads from PostgreSQL and counts them as misses and cache errors', async () => {
    const admin = await catalog.tokenFor(['admin']);
    const created = await catalog.api('POST', '/api/v1/products', {
      token: admin,
      body: newProductBody('OUTAGE-1'),
    });
    expect(created.status).toBe(201);
    await catalog.waitForOwnEvents(created.body.id as string);
    const errorsBefore = await catalog.metric('product_cache_errors_total');
    for (let i = 0; i < 2; i++) {
      const response = await catalog.api('GET', `/api/v1/products/${created.body.id as string}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(created.body);
    }
    expect(await catalog.metric('product_cache_hits_total')).toBe(0);
    expect(await catalog.metric('product_cache_misses_total')).toBe(2);
    // Each read failed twice: reading the entry, then filling it.
    expect(await catalog.metric('product_cache_errors_total')).toBe(errorsBefore + 4);
    expect(await catalog.metric('product_cache_hit_ratio')).toBe(0);
  });

  it('still changes products and handles their events', async () => {
    const admin = await catalog.tokenFor(['admin']);
    const created = await catalog.api('POST', '/api/v1/products', {
      token: admin,
      body: newProductBody('OUTAGE-2'),
    });
    const path = `/api/v1/products/${created.body.id as string}`;
    const patched = await catalog.api('PATCH', path, {
      token: admin,
      body: { name: 'Still works' },
    });
    expect(patched.status).toBe(200);
    await catalog.waitForOwnEvents(created.body.id as string);
    expect((await catalog.api('GET', path)).body.name).toBe('Still works');
  });
});
