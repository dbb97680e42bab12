/**
 * The category operations of the real catalog service over HTTP: create (unique slug, existing
 * parent), read, list by name with paging, change (never a loop in the tree) and delete (only an
 * empty category), with 400/401/403/404/409/422 where the contract says.
 */
import { type CatalogHarness, newProductBody, startCatalog } from '../support/catalog-harness';

type Category = {
  id: string;
  name: string;
  slug: string;
  description: string;
  parentId: string | null;
};

let catalog: CatalogHarness;
let admin: string;
let customer: string;

beforeAll(async () => {
  catalog = await startCatalog('catalog-categories');
  admin = await catalog.tokenFor(['admin']);
  customer = await catalog.tokenFor(['customer']);
}, 60_000);

afterAll(async () => {
  await catalog?.stop();
}, 60_000);

async function create(slug: string, extra: Record<string, unknown> = {}): Promise<Category> {
  const response = await catalog.api<Category>('POST', '/api/v1/categories', {
    token: admin,
    body: { name: `Name of ${slug}`, slug, ...extra },
  });
  expect(response.status).toBe(201);
  return response.body;
}

const ABSENT = '0b9d8c7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e';

describe('createCategory', () => {
  it('creates a top-level category with its Location', async () => {
    const response = await catalog.api<Category>('POST', '/api/v1/categories', {
      token: admin,
      body: { name: 'Kitchen', slug: 'kitchen', description: 'Things for cooking and eating.' },
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Kitchen',
      slug: 'kitchen',
      description: 'Things for cooking and eating.',
      parentId: null,
    });
    expect(response.headers.get('location')).toBe(`/api/v1/categories/${response.body.id}`);
  });

  it('creates a sub-category under an existing parent', async () => {
    const home = await create('home');
    expect((await create('home-mugs', { parentId: home.id })).parentId).toBe(home.id);
  });

  it('refuses a parent that does not exist with 422 CATALOG_ERR_UNKNOWN_CATEGORY', async () => {
    const response = await catalog.api('POST', '/api/v1/categories', {
      token: admin,
      body: { name: 'Orphan', slug: 'orphan', parentId: ABSENT },
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'CATALOG_ERR_UNKNOWN_CATEGORY' });
  });

  it('refuses a slug already in use with 409', async () => {
    await create('taken-slug');
    const response = await catalog.api('POST', '/api/v1/categories', {
      token: admin,
      body: { name: 'Again', slug: 'taken-slug' },
    });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'CONFLICT',
      detail: 'a category with slug taken-slug already exists',
    });
  });

  it('refuses a malformed slug and a missing name, naming both fields', async () => {
    const response = await catalog.api('POST', '/api/v1/categories', {
      token: admin,
      body: { slug: 'Not A Slug' },
    });
    expect(response.status).toBe(400);
    const fields = (response.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.slug', 'body.name']));
  });

  it('refuses a customer with 403 and a caller without a token with 401', async () => {
    const body = { name: 'Nope', slug: 'nope' };
    expect(
      (await catalog.api('POST', '/api/v1/categories', { token: customer, body })).status,
    ).toBe(403);
    expect((await catalog.api('POST', '/api/v1/categories', { body })).status).toBe(401);
  });
});

describe('getCategory and listCategories', () => {
  it('answers a category anyone may read', async () => {
    const garden = await create('garden');
    const response = await catalog.api('GET', `/api/v1/categories/${garden.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(garden);
  });

  it('answers 404 for a category that does not exist and 400 for an id that is not a UUID', async () => {
    expect((await catalog.api('GET', `/api/v1/categories/${ABSENT}`)).status).toBe(404);
    const bad = await catalog.api('GET', '/api/v1/categories/garden');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'path.categoryId' })]);
  });

  it('lists categories by name, one page at a time, with totals', async () => {
    const all = await catalog.api<{ items: Category[]; page: { totalItems: number } }>(
      'GET',
      '/api/v1/categories?pageSize=100',
    );
    const names = all.body.items.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const total = all.body.page.totalItems;
    expect(total).toBe(names.length);
    const last = await catalog.api<{ items: Category[]; page: unknown }>(
      'GET',
      `/api/v1/categories?page=${total}&pageSize=1`,
    );
    expect(last.body.items.map((c) => c.name)).toEqual([names[total - 1]]);
    expect(last.body.page).toEqual({
      number: total,
      size: 1,
      totalItems: total,
      totalPages: total,
    });
  });
});

describe('updateCategory', () => {
  it('changes only the given fields', async () => {
    const cat = await create('rename-me', { description: 'kept' });
    const response = await catalog.api('PATCH', `/api/v1/categories/${cat.id}`, {
      token: admin,
      body: { name: 'Renamed' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ...cat, name: 'Renamed' });
  });

  it('moves a category under another and back to the top level', async () => {
    const parent = await create('move-parent');
    const child = await create('move-child');
    const path = `/api/v1/categories/${child.id}`;
    const moved = await catalog.api('PATCH', path, { token: admin, body: { parentId: parent.id } });
    expect(moved.body.parentId).toBe(parent.id);
    const top = await catalog.api('PATCH', path, { token: admin, body: { parentId: null } });
    expect(top.body.parentId).toBeNull();
  });

  it('refuses a category as its own parent with 409', async () => {
    const cat = await create('self-parent');
    const response = await catalog.api('PATCH', `/api/v1/categories/${cat.id}`, {
      token: admin,
      body: { parentId: cat.id },
    });
    expect(response.status).toBe(409);
    expect(response.body.detail).toBe('a category cannot be its own parent');
  });

  it('refuses a move under its own descendant with 409', async () => {
    const top = await create('loop-top');
    const middle = await create('loop-middle', { parentId: top.id });
    const bottom = await create('loop-bottom', { parentId: middle.id });
    const response = await catalog.api('PATCH', `/api/v1/categories/${top.id}`, {
      token: admin,
      body: { parentId: bottom.id },
    });
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/loop/);
  });

  it('refuses a parent that does not exist with 409, the only refusal this operation has', async () => {
    const cat = await create('ghost-parent');
    const response = await catalog.api('PATCH', `/api/v1/categories/${cat.id}`, {
      token: admin,
      body: { parentId: ABSENT },
    });
    expect(response.status).toBe(409);
    expect(response.body.detail).toBe(`parent category ${ABSENT} does not exist`);
  });

  it('refuses an empty change and a new slug with 400', async () => {
    const cat = await create('fixed-slug');
    const path = `/api/v1/categories/${cat.id}`;
    expect((await catalog.api('PATCH', path, { token: admin, body: {} })).status).toBe(400);
    const slug = await catalog.api('PATCH', path, { token: admin, body: { slug: 'other' } });
    expect(slug.status).toBe(400);
    expect(JSON.stringify(slug.body.errors)).toMatch(/slug/);
  });

  it('answers 404 for a category that does not exist and 403 for a customer', async () => {
    const body = { name: 'x' };
    expect(
      (await catalog.api('PATCH', `/api/v1/categories/${ABSENT}`, { token: admin, body })).status,
    ).toBe(404);
    const cat = await create('customer-patch');
    expect(
      (await catalog.api('PATCH', `/api/v1/categories/${cat.id}`, { token: customer, body }))
        .status,
    ).toBe(403);
  });
});

describe('deleteCategory', () => {
  it('deletes an empty category', async () => {
    const cat = await create('empty-one');
    expect(
      (await catalog.api('DELETE', `/api/v1/categories/${cat.id}`, { token: admin })).status,
    ).toBe(204);
    expect((await catalog.api('GET', `/api/v1/categories/${cat.id}`)).status).toBe(404);
  });

  it('refuses a category that holds a product with 409', async () => {
    const cat = await create('holds-product');
    await catalog.api('POST', '/api/v1/products', {
      token: admin,
      body: newProductBody('IN-CATEGORY-1', { categoryId: cat.id }),
    });
    const response = await catalog.api('DELETE', `/api/v1/categories/${cat.id}`, { token: admin });
    expect(response.status).toBe(409);
    expect(response.body.detail).toBe('the category still holds 1 product');
  });

  it('refuses a category that holds a sub-category with 409', async () => {
    const cat = await create('holds-child');
    await create('the-child', { parentId: cat.id });
    const response = await catalog.api('DELETE', `/api/v1/categories/${cat.id}`, { token: admin });
    expect(response.status).toBe(409);
    expect(response.body.detail).toBe('the category still holds 1 sub-category');
  });

  it('deletes a category whose only products were withdrawn, leaving them without one', async () => {
    const cat = await create('withdrawn-only');
    const product = await catalog.api('POST', '/api/v1/products', {
      token: admin,
      body: newProductBody('WITHDRAWN-IN-CAT-1', { categoryId: cat.id }),
    });
    await catalog.api('DELETE', `/api/v1/products/${product.body.id as string}`, { token: admin });
    expect(
      (await catalog.api('DELETE', `/api/v1/categories/${cat.id}`, { token: admin })).status,
    ).toBe(204);
    const row = await catalog.database.pool.query(
      'SELECT category_id FROM products WHERE id = $1',
      [product.body.id],
    );
    expect(row.rows).toEqual([{ category_id: null }]);
  });

  it('answers 404 for a category that does not exist and 403 for a customer', async () => {
    expect(
      (await catalog.api('DELETE', `/api/v1/categories/${ABSENT}`, { token: admin })).status,
    ).toBe(404);
    const cat = await create('customer-delete');
    expect(
      (await catalog.api('DELETE', `/api/v1/categories/${cat.id}`, { token: customer })).status,
    ).toBe(403);
  });
});
