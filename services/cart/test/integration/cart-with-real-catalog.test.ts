/**
 * Cart and the REAL catalog service together (the catalog in its own process, both on the same
 * RabbitMQ exchange): a product an admin creates in the catalog is added at its catalog price, a
 * price the admin changes reaches every cart through the catalog's own price.changed event, and
 * a product the admin deletes leaves the cart through product.deleted and cannot be added again.
 */
import { randomUUID } from 'node:crypto';
import { createCatalogClient } from '@bazaar/generated/http/catalog/client';
import { createTestBroker, waitFor } from '@bazaar/platform/testing/index';
import {
  generateSigningKeys,
  startCartForTest,
  type CartTestService,
} from './support/cart-test-service';
import { call } from './support/http';
import { startRealCatalog, type RealCatalog } from './support/real-catalog';

const SUITE = 'cart-real-catalog';

let catalog: RealCatalog;
let cart: CartTestService;
let admin: ReturnType<typeof createCatalogClient>;

beforeAll(async () => {
  const keys = generateSigningKeys();
  const broker = createTestBroker(SUITE);
  try {
    catalog = await startRealCatalog({ suite: SUITE, broker, jwtPublicKey: keys.publicKey });
  } catch (error) {
    await broker.cleanup();
    throw error;
  }
  cart = await startCartForTest(SUITE, { catalogUrl: catalog.url, broker, keys });
  const adminToken = await cart.tokenFor(randomUUID(), ['admin']);
  admin = createCatalogClient({ baseUrl: catalog.url, token: adminToken });
}, 120_000);

afterAll(async () => {
  await catalog?.stop();
  await cart?.stop();
}, 60_000);

async function shopper() {
  const token = await cart.tokenFor(randomUUID());
  return {
    add: (productId: string, quantity = 1) =>
      call(cart.url, 'POST', '/api/v1/cart/items', { token, body: { productId, quantity } }),
    get: async () => (await call(cart.url, 'GET', '/api/v1/cart', { token })).body,
  };
}

let skuCounter = 0;
function createMug(amount: number) {
  skuCounter += 1;
  return admin.createProduct({
    body: {
      sku: `MUG-${Date.now().toString(36).toUpperCase()}-${skuCounter}`,
      name: 'Blue ceramic mug',
      price: { amount, currency: 'USD' },
    },
  });
}

describe('cart with the real catalog', () => {
  it('adds a product created in the catalog at the catalog price, name, SKU and stock', async () => {
    const mug = await createMug(1299);
    const response = await (await shopper()).add(mug.id, 2);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      {
        productId: mug.id,
        sku: mug.sku,
        name: mug.name,
        unitPrice: { amount: 1299, currency: 'USD' },
        quantity: 2,
        lineTotal: { amount: 2598, currency: 'USD' },
        available: mug.inStock,
      },
    ]);
  });

  it('follows a price change made in the catalog, in every cart holding the product', async () => {
    const mug = await createMug(1299);
    const [ada, grace] = [await shopper(), await shopper()];
    await ada.add(mug.id, 2);
    await grace.add(mug.id, 1);
    await admin.updateProduct({
      params: { path: { productId: mug.id } },
      body: { price: { amount: 999, currency: 'USD' } },
    });
    await waitFor(async () => (await ada.get()).total?.amount === 1998, {
      timeoutMs: 20_000,
      description: 'the new catalog price in the cart total',
    });
    expect((await grace.get()).total).toEqual({ amount: 999, currency: 'USD' });
  });

  it('loses a product deleted from the catalog, and cannot add it again', async () => {
    const [mug, tea] = [await createMug(1299), await createMug(850)];
    const user = await shopper();
    await user.add(mug.id, 1);
    await user.add(tea.id, 1);
    await admin.deleteProduct({ params: { path: { productId: mug.id } } });
    await waitFor(async () => (await user.get()).items.length === 1, {
      timeoutMs: 20_000,
      description: 'the deleted product to leave the cart',
    });
    expect((await user.get()).items[0].productId).toBe(tea.id);
    const again = await user.add(mug.id, 1);
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('CART_ERR_UNKNOWN_PRODUCT');
  });

  it('refuses a product the catalog never had', async () => {
    const response = await (await shopper()).add(randomUUID());
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('CART_ERR_UNKNOWN_PRODUCT');
  });
});
