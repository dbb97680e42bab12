/**
 * Changing and withdrawing products in the real catalog service over HTTP: partial updates with
 * the events each change appends to the outbox in its own transaction (price.changed as well as
 * product.updated for a new price, nothing for a change that changes nothing), soft delete that
 * keeps the history and the SKU, and 400/403/404/409/422 where the contract says.
 */
import { type CatalogHarness, newProductBody, startCatalog } from '../support/catalog-harness';
import { type Body, createCategoryAs, createProductAs } from '../support/admin-fixtures';
import { outboxEvents } from '../support/outbox-reader';

let catalog: CatalogHarness;
let admin: string;
let customer: string;

beforeAll(async () => {
  catalog = await startCatalog('catalog-products-update');
  admin = await catalog.tokenFor(['admin']);
  customer = await catalog.tokenFor(['customer']);
}, 60_000);

afterAll(async () => {
  await catalog?.stop();
}, 60_000);

const createProduct = (sku: string, overrides: Body = {}) =>
  createProductAs(catalog, admin, sku, overrides);
const createCategory = (slug: string) => createCategoryAs(catalog, admin, slug);

describe('updateProduct', () => {
  it('changes only the given fields and emits product.updated without a price change', async () => {
    const product = await createProduct('PATCH-NAME-1', { description: 'kept' });
    const response = await catalog.api('PATCH', `/api/v1/products/${product.id as string}`, {
      token: admin,
      body: { name: 'Renamed' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'Renamed',
      description: 'kept',
      price: product.price,
    });
    expect((response.body.updatedAt as string) > (product.updatedAt as string)).toBe(true);
    const events = await outboxEvents(catalog.database.pool, {
      partitionKey: product.id as string,
    });
    expect(events.map((e) => e.eventType)).toEqual([
      'ecommerce.product.product.created.v1',
      'ecommerce.product.product.updated.v1',
    ]);
    expect(events[1]!.payload).toMatchObject({ changedFields: ['name'], name: 'Renamed' });
  });

  it('emits price.changed and product.updated for a new price, in one transaction', async () => {
    const product = await createProduct('PATCH-PRICE-1');
    const response = await catalog.api('PATCH', `/api/v1/products/${product.id as string}`, {
      token: admin,
      body: { price: { amount: 899, currency: 'USD' } },
    });
    expect(response.status).toBe(200);
    const events = await outboxEvents(catalog.database.pool, {
      partitionKey: product.id as string,
    });
    expect(events.slice(1)).toEqual([
      expect.objectContaining({
        eventType: 'ecommerce.product.price.changed.v1',
        payload: {
          productId: product.id,
          sku: 'PATCH-PRICE-1',
          previousPrice: { amount: 1000, currency: 'USD' },
          newPrice: { amount: 899, currency: 'USD' },
          validFrom: response.body.updatedAt,
        },
      }),
      expect.objectContaining({
        eventType: 'ecommerce.product.product.updated.v1',
        payload: expect.objectContaining({
          changedFields: ['price'],
          price: { amount: 899, currency: 'USD' },
        }),
      }),
    ]);
  });

  it('writes nothing and emits nothing when every field already has the given value', async () => {
    const product = await createProduct('PATCH-SAME-1');
    const response = await catalog.api('PATCH', `/api/v1/products/${product.id as string}`, {
      token: admin,
      body: { name: product.name, price: product.price },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(product);
    expect(
      await outboxEvents(catalog.database.pool, { partitionKey: product.id as string }),
    ).toHaveLength(1);
  });

  it('moves a product into a category and out again with null', async () => {
    const product = await createProduct('PATCH-CAT-1');
    const garden = await createCategory('garden-move');
    const path = `/api/v1/products/${product.id as string}`;
    const moved = await catalog.api('PATCH', path, { token: admin, body: { categoryId: garden } });
    expect(moved.body.categoryId).toBe(garden);
    const back = await catalog.api('PATCH', path, { token: admin, body: { categoryId: null } });
    expect(back.body.categoryId).toBeNull();
  });

  it('refuses an empty change with 400', async () => {
    const product = await createProduct('PATCH-EMPTY-1');
    const response = await catalog.api('PATCH', `/api/v1/products/${product.id as string}`, {
      token: admin,
      body: {},
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a change of SKU, which the contract does not allow, naming it', async () => {
    const product = await createProduct('PATCH-SKU-1');
    const response = await catalog.api('PATCH', `/api/v1/products/${product.id as string}`, {
      token: admin,
      body: { sku: 'OTHER-SKU-1' },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toMatch(/sku/);
  });

  it('refuses a customer with 403', async () => {
    const product = await createProduct('PATCH-CUSTOMER-1');
    const response = await catalog.api('PATCH', `/api/v1/products/${product.id as string}`, {
      token: customer,
      body: { name: 'Mine now' },
    });
    expect(response.status).toBe(403);
  });

  it('answers 404 for a product that was never created', async () => {
    const response = await catalog.api(
      'PATCH',
      '/api/v1/products/0e1d2c3b-4a59-4687-9a0b-c1d2e3f4a5b6',
      {
        token: admin,
        body: { name: 'Ghost' },
      },
    );
    expect(response.status).toBe(404);
  });

  it('refuses a category that does not exist with 422', async () => {
    const product = await createProduct('PATCH-NOCAT-1');
    const response = await catalog.api('PATCH', `/api/v1/products/${product.id as string}`, {
      token: admin,
      body: { categoryId: '0b9d8c7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e' },
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'CATALOG_ERR_UNKNOWN_CATEGORY' });
  });
});

describe('deleteProduct', () => {
  it('withdraws the product: 204, then not found and not listed, with product.deleted emitted', async () => {
    const product = await createProduct('DELETE-ME-1');
    const id = product.id as string;
    const response = await catalog.api('DELETE', `/api/v1/products/${id}`, { token: admin });
    expect(response.status).toBe(204);
    // Reads go through the cache, which the product.deleted event evicts (contract: visible once handled).
    await catalog.waitForOwnEvents(id);
    expect((await catalog.api('GET', `/api/v1/products/${id}`)).status).toBe(404);
    const listed = await catalog.api<{ items: Body[] }>('GET', '/api/v1/products?q=DELETE-ME-1');
    expect(listed.body.items).toEqual([]);
    const [deleted] = await outboxEvents(catalog.database.pool, {
      partitionKey: id,
      eventType: 'ecommerce.product.product.deleted.v1',
    });
    expect(deleted?.payload).toEqual({
      productId: id,
      sku: 'DELETE-ME-1',
      deletedAt: expect.any(String),
    });
  });

  it('keeps the price history of a withdrawn product', async () => {
    const product = await createProduct('DELETE-HISTORY-1');
    const id = product.id as string;
    await catalog.api('DELETE', `/api/v1/products/${id}`, { token: admin });
    const history = await catalog.api<{ items: Body[] }>(
      'GET',
      `/api/v1/products/${id}/price-history`,
    );
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([
      { price: { amount: 1000, currency: 'USD' }, validFrom: product.createdAt, validTo: null },
    ]);
  });

  it('answers 404 when the product is already withdrawn', async () => {
    const product = await createProduct('DELETE-TWICE-1');
    const path = `/api/v1/products/${product.id as string}`;
    await catalog.api('DELETE', path, { token: admin });
    expect((await catalog.api('DELETE', path, { token: admin })).status).toBe(404);
  });

  it('refuses to change a withdrawn product with 409', async () => {
    const product = await createProduct('DELETE-PATCH-1');
    const path = `/api/v1/products/${product.id as string}`;
    await catalog.api('DELETE', path, { token: admin });
    const response = await catalog.api('PATCH', path, { token: admin, body: { name: 'Back' } });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a customer with 403', async () => {
    const product = await createProduct('DELETE-CUSTOMER-1');
    const response = await catalog.api('DELETE', `/api/v1/products/${product.id as string}`, {
      token: customer,
    });
    expect(response.status).toBe(403);
  });

  it('keeps the SKU of a withdrawn product taken', async () => {
    const product = await createProduct('DELETE-SKU-1');
    await catalog.api('DELETE', `/api/v1/products/${product.id as string}`, { token: admin });
    const again = await catalog.api('POST', '/api/v1/products', {
      token: admin,
      body: newProductBody('DELETE-SKU-1'),
    });
    expect(again.status).toBe(409);
  });
});
