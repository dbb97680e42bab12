/**
 * listProducts through the real service: full-text search over name, SKU and description
 * (stemmed words, unstemmed SKUs, websearch syntax), the category, price and stock filters, every
 * sort of the contract (relevance needs q), and paging with totals. Stock and sales come from
 * real inventory and orders events published to the suite's exchange.
 */
import { buildEvent } from '@bazaar/generated/events/registry';
import { type CatalogHarness, startCatalog } from '../support/catalog-harness';

interface ListedPage {
  items: { sku: string }[];
  page: { number: number; size: number; totalItems: number; totalPages: number };
}

let catalog: CatalogHarness;
const ids: Record<string, string> = {};
let kitchen: string;

async function create(body: Record<string, unknown>, token: string): Promise<void> {
  const response = await catalog.api('POST', '/api/v1/products', { token, body });
  expect(response.status).toBe(201);
  ids[body.sku as string] = response.body.id as string;
}

beforeAll(async () => {
  catalog = await startCatalog('catalog-search');
  const admin = await catalog.tokenFor(['admin']);
  const category = (slug: string) =>
    catalog.api('POST', '/api/v1/categories', { token: admin, body: { name: slug, slug } });
  kitchen = (await category('kitchen')).body.id as string;
  const pantry = (await category('pantry')).body.id as string;
  const usd = (amount: number) => ({ amount, currency: 'USD' });
  await create(
    {
      sku: 'MUG-BLUE-01',
      name: 'Blue ceramic mug',
      description: '350 ml, dishwasher safe.',
      categoryId: kitchen,
      price: usd(1299),
    },
    admin,
  );
  await create(
    {
      sku: 'MUG-RED-02',
      name: 'Red ceramic mug',
      description: '350 ml.',
      categoryId: kitchen,
      price: usd(1199),
    },
    admin,
  );
  await create(
    {
      sku: 'TEA-GREEN-250',
      name: 'Green tea',
      description: 'Loose leaf, 250 g. Lovely in a mug.',
      categoryId: pantry,
      price: usd(850),
    },
    admin,
  );
  await create(
    {
      sku: 'POT-WHITE-01',
      name: 'White teapot',
      description: 'Porcelain, 1 l.',
      categoryId: kitchen,
      price: usd(2999),
    },
    admin,
  );
  await create(
    {
      sku: 'KNIFE-CHEF-20',
      name: 'Chef knife',
      description: '20 cm blade.',
      categoryId: kitchen,
      price: usd(4999),
    },
    admin,
  );

  const events = [
    ...(['MUG-BLUE-01', 'POT-WHITE-01'] as const).map((sku) =>
      buildEvent('ecommerce.inventory.stock.adjusted.v1', {
        productId: ids[sku]!,
        sku,
        adjustmentId: '5d6e7f80-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
        delta: 5,
        reason: 'RESTOCK',
        source: 'ADMIN',
        onHand: 5,
        reserved: 0,
        available: 5,
        adjustedAt: new Date().toISOString(),
      }),
    ),
    buildEvent('ecommerce.order.order.paid.v1', {
      orderId: '6f7e8d9c-0b1a-4c2d-9e3f-4a5b6c7d8e9f',
      customerId: '7b4e2d1c-9a8f-4e6d-b5c4-3a2f1e0d9c8b',
      paymentId: '8c9d0e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f',
      amount: usd(3 * 1299 + 5 * 850 + 4999),
      items: [
        { productId: ids['MUG-BLUE-01']!, quantity: 3 },
        { productId: ids['TEA-GREEN-250']!, quantity: 5 },
        { productId: ids['KNIFE-CHEF-20']!, quantity: 1 },
      ],
      paidAt: new Date().toISOString(),
    }),
  ];
  for (const event of events) await catalog.publish(event);
  for (const event of events) await catalog.waitForHandled(event.eventId);
}, 90_000);

afterAll(async () => {
  await catalog?.stop();
}, 60_000);

async function list(query: string): Promise<ListedPage> {
  const response = await catalog.api<ListedPage>('GET', `/api/v1/products?${query}`);
  expect(response.status).toBe(200);
  return response.body;
}

async function skus(query: string): Promise<string[]> {
  return (await list(query)).items.map((item) => item.sku);
}

describe('full-text search', () => {
  it('finds words of the name through their stems', async () => {
    expect(await skus('q=ceramic%20mugs')).toEqual(['MUG-BLUE-01', 'MUG-RED-02']);
  });

  it('finds a product by its SKU, whatever its case', async () => {
    expect(await skus('q=TEA-GREEN-250')).toEqual(['TEA-GREEN-250']);
    expect(await skus('q=mug-blue-01')).toEqual(['MUG-BLUE-01']);
  });

  it('finds words of the description', async () => {
    expect(await skus('q=dishwasher')).toEqual(['MUG-BLUE-01']);
  });

  it('matches whole words, not parts of them', async () => {
    expect(await skus('q=tea')).toEqual(['TEA-GREEN-250']);
  });

  it('excludes words after a minus, as web search does', async () => {
    expect(await skus('q=mug%20-blue')).toEqual(['TEA-GREEN-250', 'MUG-RED-02']);
  });

  it('ranks name matches above description matches when sorted by relevance', async () => {
    const ranked = await skus('q=mug&sort=relevance');
    expect(ranked).toHaveLength(3);
    expect(ranked[2]).toBe('TEA-GREEN-250');
  });

  it('refuses relevance without q, naming query.sort', async () => {
    const response = await catalog.api('GET', '/api/v1/products?sort=relevance');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'query.sort', message: 'relevance needs q (the words to rank by)' }],
    });
  });

  it('lists everything for blank search words', async () => {
    expect((await list('q=%20%20')).page.totalItems).toBe(5);
  });
});

describe('filters', () => {
  it('keeps the products of one category', async () => {
    expect(await skus(`categoryId=${kitchen}`)).toEqual([
      'MUG-BLUE-01',
      'KNIFE-CHEF-20',
      'MUG-RED-02',
      'POT-WHITE-01',
    ]);
  });

  it('keeps prices within an inclusive range', async () => {
    expect(await skus('minPrice=1199&maxPrice=2999&sort=price')).toEqual([
      'MUG-RED-02',
      'MUG-BLUE-01',
      'POT-WHITE-01',
    ]);
  });

  it('keeps products in stock, or sold out ones', async () => {
    expect(await skus('inStock=true')).toEqual(['MUG-BLUE-01', 'POT-WHITE-01']);
    expect(await skus('inStock=false')).toEqual(['KNIFE-CHEF-20', 'TEA-GREEN-250', 'MUG-RED-02']);
  });

  it('combines words and filters', async () => {
    expect(await skus(`q=mug&categoryId=${kitchen}&inStock=true`)).toEqual(['MUG-BLUE-01']);
  });

  it('refuses a range whose low end is above its high end, naming query.minPrice', async () => {
    const response = await catalog.api('GET', '/api/v1/products?minPrice=500&maxPrice=100');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'query.minPrice' })]);
  });

  it('refuses a malformed filter, naming it', async () => {
    const response = await catalog.api(
      'GET',
      '/api/v1/products?inStock=perhaps&categoryId=kitchen',
    );
    expect(response.status).toBe(400);
    const fields = (response.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['query.categoryId', 'query.inStock']);
  });

  it('refuses a query parameter the contract does not know', async () => {
    const response = await catalog.api('GET', '/api/v1/products?colour=blue');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/colour/);
  });
});

describe('sorting', () => {
  it.each([
    ['name', ['MUG-BLUE-01', 'KNIFE-CHEF-20', 'TEA-GREEN-250', 'MUG-RED-02', 'POT-WHITE-01']],
    ['-name', ['POT-WHITE-01', 'MUG-RED-02', 'TEA-GREEN-250', 'KNIFE-CHEF-20', 'MUG-BLUE-01']],
    ['price', ['TEA-GREEN-250', 'MUG-RED-02', 'MUG-BLUE-01', 'POT-WHITE-01', 'KNIFE-CHEF-20']],
    ['-price', ['KNIFE-CHEF-20', 'POT-WHITE-01', 'MUG-BLUE-01', 'MUG-RED-02', 'TEA-GREEN-250']],
    ['createdAt', ['MUG-BLUE-01', 'MUG-RED-02', 'TEA-GREEN-250', 'POT-WHITE-01', 'KNIFE-CHEF-20']],
    ['-createdAt', ['KNIFE-CHEF-20', 'POT-WHITE-01', 'TEA-GREEN-250', 'MUG-RED-02', 'MUG-BLUE-01']],
    ['popularity', ['TEA-GREEN-250', 'MUG-BLUE-01', 'KNIFE-CHEF-20', 'MUG-RED-02', 'POT-WHITE-01']],
  ])('orders by %s', async (sort, expected) => {
    expect(await skus(`sort=${sort}`)).toEqual(expected);
  });

  it('sorts by name when no sort is given', async () => {
    expect(await skus('')).toEqual(await skus('sort=name'));
  });

  it('refuses a sort the contract does not list, naming query.sort', async () => {
    const response = await catalog.api('GET', '/api/v1/products?sort=-popularity');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'query.sort' })]);
  });
});

describe('paging', () => {
  it('answers one page with the totals of the whole result', async () => {
    const second = await list('sort=price&page=2&pageSize=2');
    expect(second.items.map((i) => i.sku)).toEqual(['MUG-BLUE-01', 'POT-WHITE-01']);
    expect(second.page).toEqual({ number: 2, size: 2, totalItems: 5, totalPages: 3 });
  });

  it('answers an empty page past the end, with the totals', async () => {
    const beyond = await list('page=4&pageSize=2');
    expect(beyond.items).toEqual([]);
    expect(beyond.page).toEqual({ number: 4, size: 2, totalItems: 5, totalPages: 3 });
  });

  it('counts only what matches', async () => {
    expect((await list('q=mug&pageSize=1')).page).toEqual({
      number: 1,
      size: 1,
      totalItems: 3,
      totalPages: 3,
    });
  });

  it('refuses page 0, naming query.page', async () => {
    const response = await catalog.api('GET', '/api/v1/products?page=0');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'query.page' })]);
  });
});
