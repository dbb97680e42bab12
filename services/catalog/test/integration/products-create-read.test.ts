/**
 * Creating and reading products in the real catalog service over HTTP (PostgreSQL, RabbitMQ,
 * Redis): the created product and its event in the outbox, and the problems the contract names
 * for bad input (400 naming the field), missing roles (401/403), a taken SKU (409) and an
 * unknown category (422).
 */
import { type CatalogHarness, newProductBody, startCatalog } from '../support/catalog-harness';
import { type Body, createCategoryAs, createProductAs } from '../support/admin-fixtures';
import { outboxEvents } from '../support/outbox-reader';

let catalog: CatalogHarness;
let admin: string;
let customer: string;

beforeAll(async () => {
  catalog = await startCatalog('catalog-products-create');
  admin = await catalog.tokenFor(['admin']);
  customer = await catalog.tokenFor(['customer']);
}, 60_000);

afterAll(async () => {
  await catalog?.stop();
}, 60_000);

const createProduct = (sku: string, overrides: Body = {}) =>
  createProductAs(catalog, admin, sku, overrides);
const createCategory = (slug: string) => createCategoryAs(catalog, admin, slug);

describe('createProduct', () => {
  it('creates a product with its Location, out of stock and unsold', async () => {
    const kitchen = await createCategory('kitchen-create');
    const response = await catalog.api('POST', '/api/v1/products', {
      token: admin,
      body: {
        sku: 'MUG-BLUE-01',
        name: 'Blue ceramic mug',
        description: '350 ml, dishwasher safe.',
        categoryId: kitchen,
        price: { amount: 1299, currency: 'USD' },
      },
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sku: 'MUG-BLUE-01',
      name: 'Blue ceramic mug',
      description: '350 ml, dishwasher safe.',
      categoryId: kitchen,
      price: { amount: 1299, currency: 'USD' },
      inStock: false,
      salesCount: 0,
      createdAt: expect.any(String),
      updatedAt: response.body.createdAt,
    });
    expect(response.headers.get('location')).toBe(`/api/v1/products/${response.body.id}`);
  });

  it('appends product.created to the outbox with the request correlation id', async () => {
    const response = await catalog.api('POST', '/api/v1/products', {
      token: admin,
      body: newProductBody('EVT-CREATED-1', { description: 'made for the outbox' }),
      headers: { 'Correlation-Id': 'corr-create-1' },
    });
    const id = response.body.id as string;
    const events = await outboxEvents(catalog.database.pool, { partitionKey: id });
    expect(events).toEqual([
      expect.objectContaining({
        eventType: 'ecommerce.product.product.created.v1',
        producer: 'catalog',
        correlationId: 'corr-create-1',
        occurredAt: response.body.createdAt,
        payload: {
          productId: id,
          sku: 'EVT-CREATED-1',
          name: 'Product EVT-CREATED-1',
          description: 'made for the outbox',
          categoryId: null,
          price: { amount: 1000, currency: 'USD' },
          createdAt: response.body.createdAt,
        },
      }),
    ]);
  });

  it('refuses a caller without a token with 401', async () => {
    const response = await catalog.api('POST', '/api/v1/products', {
      body: newProductBody('NO-TOKEN-1'),
    });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses a customer with 403', async () => {
    const response = await catalog.api('POST', '/api/v1/products', {
      token: customer,
      body: newProductBody('CUSTOMER-1'),
    });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses bad input with 400 naming every field at fault', async () => {
    const response = await catalog.api('POST', '/api/v1/products', {
      token: admin,
      body: { sku: 'lower-case', name: '', price: { amount: -1, currency: 'usd' }, color: 'blue' },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const fields = (response.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.sku', 'body.name', 'body.price.amount', 'body.price.currency']),
    );
    expect(JSON.stringify(response.body.errors)).toMatch(/color/);
  });

  it('refuses a SKU already in use with 409 CATALOG_ERR_SKU_TAKEN and writes no event', async () => {
    await createProduct('TAKEN-SKU-1');
    const before = await outboxEvents(catalog.database.pool);
    const response = await catalog.api('POST', '/api/v1/products', {
      token: admin,
      body: newProductBody('TAKEN-SKU-1', { name: 'Another' }),
    });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'CATALOG_ERR_SKU_TAKEN',
      detail: 'a product with SKU TAKEN-SKU-1 already exists',
    });
    expect(await outboxEvents(catalog.database.pool)).toHaveLength(before.length);
  });

  it('refuses a category that does not exist with 422 CATALOG_ERR_UNKNOWN_CATEGORY', async () => {
    const response = await catalog.api('POST', '/api/v1/products', {
      token: admin,
      body: newProductBody('NO-CATEGORY-1', { categoryId: '0b9d8c7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e' }),
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'CATALOG_ERR_UNKNOWN_CATEGORY' });
  });
});

describe('getProduct', () => {
  it('answers the product anyone may read, echoing the correlation id', async () => {
    const product = await createProduct('GET-ME-1');
    const response = await catalog.api('GET', `/api/v1/products/${product.id as string}`, {
      headers: { 'Correlation-Id': 'corr-get-1' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(product);
    expect(response.headers.get('correlation-id')).toBe('corr-get-1');
  });

  it('answers 404 for a product that was never created', async () => {
    const response = await catalog.api(
      'GET',
      '/api/v1/products/0e1d2c3b-4a59-4687-9a0b-c1d2e3f4a5b6',
    );
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers 400 naming path.productId for an id that is not a UUID', async () => {
    const response = await catalog.api('GET', '/api/v1/products/not-a-uuid');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'path.productId' })]);
  });
});
