/**
 * Demo data for `make dev`, created through the gateway with the generated clients (as any API
 * user would): categories, products with stock when inventory runs, and a demo customer who can
 * order them when orders runs. Safe to run again: what exists is found and kept (stock is topped
 * up to the demo level, so orders paid in an earlier session do not leave the shelves empty).
 */
import { createCatalogClient } from '@bazaar/generated/http/catalog/client';
import { createIdentityClient } from '@bazaar/generated/http/identity/client';
import { createInventoryClient } from '@bazaar/generated/http/inventory/client';
import { ProblemError } from '@bazaar/generated/http/runtime/client-runtime';

export const DEMO_CUSTOMER = {
  email: 'customer@bazaar.local',
  password: 'demo customer password',
  displayName: 'Demo Customer',
};

const CATEGORIES = [
  { name: 'Kitchen', slug: 'kitchen', description: 'Things for cooking and eating.' },
  { name: 'Books', slug: 'books', description: 'Paper, ink and ideas.' },
];

const PRODUCTS = [
  {
    sku: 'MUG-BLUE-01',
    name: 'Blue ceramic mug',
    description: '350 ml, dishwasher safe.',
    category: 'kitchen',
    price: 1299,
    stock: 25,
  },
  {
    sku: 'TEAPOT-WHITE-02',
    name: 'White porcelain teapot',
    description: 'Brews four cups.',
    category: 'kitchen',
    price: 3450,
    stock: 8,
  },
  {
    sku: 'KNIFE-CHEF-03',
    name: "Chef's knife",
    description: '20 cm carbon steel.',
    category: 'kitchen',
    price: 5900,
    stock: 3,
  },
  {
    sku: 'BOOK-DDD-04',
    name: 'Domain-Driven Design',
    description: 'Tackling complexity in the heart of software.',
    category: 'books',
    price: 4999,
    stock: 12,
  },
];

const isStatus = (error: unknown, status: number) =>
  error instanceof ProblemError && error.status === status;

export interface SeededDemo {
  /** What was created or topped up this time. */
  notes: string[];
  /** Every demo product's id, by SKU. */
  productIds: Record<string, string>;
}

export async function seedDemo(
  gatewayUrl: string,
  admin: { email: string; password: string },
  withInventory: boolean,
): Promise<SeededDemo> {
  const notes: string[] = [];
  const productIds: Record<string, string> = {};
  const identity = createIdentityClient({ baseUrl: gatewayUrl });
  const { accessToken } = await identity.login({ body: admin });
  const catalog = createCatalogClient({ baseUrl: gatewayUrl, token: accessToken });
  const inventory = createInventoryClient({ baseUrl: gatewayUrl, token: accessToken });

  const categories = new Map<string, string>();
  const existing = await catalog.listCategories({ params: { query: { pageSize: 100 } } });
  for (const c of existing.items) categories.set(c.slug, c.id);
  for (const category of CATEGORIES) {
    if (!categories.has(category.slug))
      categories.set(category.slug, (await catalog.createCategory({ body: category })).id);
  }

  for (const p of PRODUCTS) {
    let productId: string;
    try {
      const created = await catalog.createProduct({
        body: {
          sku: p.sku,
          name: p.name,
          description: p.description,
          categoryId: categories.get(p.category)!,
          price: { amount: p.price, currency: 'USD' },
        },
      });
      productId = created.id;
      notes.push(`product ${p.sku}`);
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
      const found = await catalog.listProducts({ params: { query: { q: p.sku } } });
      productId = found.items.find((item) => item.sku === p.sku)!.id;
    }
    productIds[p.sku] = productId;
    if (!withInventory) continue;
    // Inventory learns products from catalog's events: wait until it knows this one.
    for (let attempt = 0; ; attempt++) {
      try {
        const level = await inventory.getStockLevel({ params: { path: { productId } } });
        if (level.onHand < p.stock) {
          await inventory.adjustStock({
            params: { path: { productId } },
            body: { delta: p.stock - level.onHand, reason: 'RESTOCK', note: 'make dev demo stock' },
          });
          notes.push(`stock ${p.sku} → ${p.stock}`);
        }
        break;
      } catch (error) {
        if (!isStatus(error, 404) || attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  try {
    await identity.register({ body: DEMO_CUSTOMER });
    notes.push(`customer ${DEMO_CUSTOMER.email}`);
  } catch (error) {
    if (!isStatus(error, 409)) throw error;
  }
  return { notes, productIds };
}
