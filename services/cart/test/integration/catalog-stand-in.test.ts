/**
 * The catalog stand-in of these suites cannot drift from contracts/openapi/catalog.yaml: it
 * answers through the generated catalog server binding, which validates its requests and its
 * answers against the contract.
 */
import { product, startCatalogStandIn, type CatalogStandIn } from './support/catalog-stand-in';

let catalog: CatalogStandIn;

beforeAll(async () => {
  catalog = await startCatalogStandIn();
});

afterAll(async () => {
  await catalog?.stop();
});

describe('the catalog stand-in', () => {
  it('answers a product it holds as the contract describes it', async () => {
    const mug = catalog.put(product({ id: '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70' }));
    const response = await fetch(`${catalog.url}/api/v1/products/${mug.id}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(mug);
  });

  it('refuses to answer a product that breaks the contract', async () => {
    const broken = catalog.put(
      product({ id: '0b9d8c7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e', sku: 'not a sku' }),
    );
    const response = await fetch(`${catalog.url}/api/v1/products/${broken.id}`);
    expect(response.status).toBe(500);
  });

  it('answers a malformed product id with 400 naming the parameter', async () => {
    const response = await fetch(`${catalog.url}/api/v1/products/not-a-uuid`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'path.productId' }] });
  });
});
