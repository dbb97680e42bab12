/**
 * createProduct (admin): stores the product and the first entry of its price history, and appends
 * ecommerce.product.product.created.v1 to the outbox, all in one transaction.
 */
import { withTransaction } from '@bazaar/platform/db/index';
import { openingPrice } from '../domain/price-history';
import { type NewProductInput, type Product, newProduct } from '../domain/product';
import { catalogErrors } from '../errors';
import { catalogOutbox } from '../persistence/catalog-outbox';
import { violatedConstraint } from '../persistence/db';
import { insertPriceEntry } from '../persistence/price-history.store';
import { insertProduct } from '../persistence/product.store';
import type { CatalogDeps } from './catalog-deps';

export async function createProduct(deps: CatalogDeps, input: NewProductInput): Promise<Product> {
  const product = newProduct(deps.newId(), input, deps.clock());
  try {
    await withTransaction(deps.pool, async (tx) => {
      await insertProduct(tx, product);
      await insertPriceEntry(tx, product.id, openingPrice(product.price, product.createdAt));
      await catalogOutbox(tx).publish(
        'ecommerce.product.product.created.v1',
        {
          productId: product.id,
          sku: product.sku,
          name: product.name,
          description: product.description,
          categoryId: product.categoryId,
          price: product.price,
          createdAt: product.createdAt.toISOString(),
        },
        { occurredAt: product.createdAt },
      );
    });
  } catch (err) {
    if (violatedConstraint(err, 'unique') === 'products_sku_key')
      throw catalogErrors.error(
        'CATALOG_ERR_SKU_TAKEN',
        `a product with SKU ${product.sku} already exists`,
      );
    if (violatedConstraint(err, 'foreign-key') === 'products_category_id_fkey')
      throw catalogErrors.error(
        'CATALOG_ERR_UNKNOWN_CATEGORY',
        `no category has id ${product.categoryId}`,
      );
    throw err;
  }
  return product;
}
