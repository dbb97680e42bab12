/** Admin writes the product suites start from (services/catalog/test), through the real API. */
import type { CatalogHarness } from './catalog-harness';
import { newProductBody } from './catalog-harness';

export type Body = Record<string, unknown>;

/** Creates a product as `token`'s admin and returns the 201 body. */
export async function createProductAs(
  catalog: CatalogHarness,
  token: string,
  sku: string,
  overrides: Body = {},
): Promise<Body> {
  const response = await catalog.api('POST', '/api/v1/products', {
    token,
    body: newProductBody(sku, overrides),
  });
  expect(response.status).toBe(201);
  return response.body;
}

/** Creates a top-level category named after its slug and returns its id. */
export async function createCategoryAs(
  catalog: CatalogHarness,
  token: string,
  slug: string,
): Promise<string> {
  const response = await catalog.api('POST', '/api/v1/categories', {
    token,
    body: { name: slug, slug },
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}
