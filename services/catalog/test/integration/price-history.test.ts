/**
 * The SCD2 price history through the real service: every price a product has had, newest first,
 * entries that tile time without gaps or overlaps, exactly one open entry (the current price),
 * concurrent price changes applied one after the other, and paging with totals.
 */
import { type CatalogHarness, newProductBody, startCatalog } from '../support/catalog-harness';

interface Entry {
  price: { amount: number; currency: string };
  validFrom: string;
  validTo: string | null;
}
interface HistoryPage {
  items: Entry[];
  page: { number: number; size: number; totalItems: number; totalPages: number };
}

let catalog: CatalogHarness;
let admin: string;

beforeAll(async () => {
  catalog = await startCatalog('catalog-price-history');
  admin = await catalog.tokenFor(['admin']);
}, 60_000);

afterAll(async () => {
  await catalog?.stop();
}, 60_000);

async function createProduct(sku: string, amount: number): Promise<string> {
  const response = await catalog.api('POST', '/api/v1/products', {
    token: admin,
    body: newProductBody(sku, { price: { amount, currency: 'USD' } }),
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

function reprice(id: string, amount: number, currency = 'USD') {
  return catalog.api('PATCH', `/api/v1/products/${id}`, {
    token: admin,
    body: { price: { amount, currency } },
  });
}

async function history(id: string, query = ''): Promise<HistoryPage> {
  const response = await catalog.api<HistoryPage>(
    'GET',
    `/api/v1/products/${id}/price-history${query}`,
  );
  expect(response.status).toBe(200);
  return response.body;
}

/** Newest first: each entry starts where the one after it (older) ends; only the first is open. */
function expectTiled(items: Entry[]): void {
  items.forEach((entry, index) => {
    const older = items[index + 1];
    expect(entry.validTo === null).toBe(index === 0);
    if (entry.validTo !== null) expect(entry.validTo > entry.validFrom).toBe(true);
    if (older) expect(older.validTo).toBe(entry.validFrom);
  });
}

describe('price history', () => {
  it('lists every price newest first after several changes, the current one open', async () => {
    const id = await createProduct('HISTORY-1', 1000);
    const changes = [];
    for (const [amount, currency] of [
      [900, 'USD'],
      [900, 'USD'],
      [800, 'USD'],
      [850, 'EUR'],
    ] as const) {
      const response = await reprice(id, amount, currency);
      expect(response.status).toBe(200);
      changes.push(response.body.updatedAt as string);
    }
    const { items, page } = await history(id);
    expect(items.map((e) => `${e.price.amount} ${e.price.currency}`)).toEqual([
      '850 EUR',
      '800 USD',
      '900 USD',
      '1000 USD',
    ]);
    expect(page).toEqual({ number: 1, size: 20, totalItems: 4, totalPages: 1 });
    expectTiled(items);
    expect(items[0]!.validFrom).toBe(changes[3]);
    await catalog.waitForOwnEvents(id); // reads go through the cache the price events evict
    const product = await catalog.api('GET', `/api/v1/products/${id}`);
    expect(product.body.price).toEqual({ amount: 850, currency: 'EUR' });
  });

  it('keeps exactly one open entry, equal to the product price, in the database', async () => {
    const id = await createProduct('HISTORY-DB-1', 500);
    await reprice(id, 450);
    await reprice(id, 400);
    const rows = await catalog.database.pool.query(
      `SELECT pp.amount::int AS amount, p.price_amount::int AS current
         FROM product_prices pp JOIN products p ON p.id = pp.product_id
        WHERE pp.product_id = $1 AND pp.valid_to IS NULL`,
      [id],
    );
    expect(rows.rows).toEqual([{ amount: 400, current: 400 }]);
  });

  it('applies concurrent price changes one after the other, without gaps or overlaps', async () => {
    const id = await createProduct('HISTORY-RACE-1', 2000);
    const responses = await Promise.all(
      [1900, 1800, 1700, 1600, 1500].map((amount) => reprice(id, amount)),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const { items } = await history(id);
    expect(items).toHaveLength(6);
    expectTiled(items);
    expect(items.map((e) => e.price.amount).sort()).toEqual([1500, 1600, 1700, 1800, 1900, 2000]);
  });

  it('pages the history with totals', async () => {
    const id = await createProduct('HISTORY-PAGE-1', 100);
    for (const amount of [110, 120, 130, 140]) await reprice(id, amount);
    const second = await history(id, '?page=2&pageSize=2');
    expect(second.items.map((e) => e.price.amount)).toEqual([120, 110]);
    expect(second.page).toEqual({ number: 2, size: 2, totalItems: 5, totalPages: 3 });
    const beyond = await history(id, '?page=9&pageSize=2');
    expect(beyond.items).toEqual([]);
    expect(beyond.page.totalItems).toBe(5);
  });

  it('answers 404 for a product that was never created', async () => {
    const response = await catalog.api(
      'GET',
      '/api/v1/products/0e1d2c3b-4a59-4687-9a0b-c1d2e3f4a5b6/price-history',
    );
    expect(response.status).toBe(404);
  });

  it('refuses a page size above 100, naming query.pageSize', async () => {
    const id = await createProduct('HISTORY-SIZE-1', 100);
    const response = await catalog.api('GET', `/api/v1/products/${id}/price-history?pageSize=101`);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'query.pageSize' })]);
  });
});
