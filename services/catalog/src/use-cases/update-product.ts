/**
 * updateProduct (admin): applies a partial change under the product's row lock. A new price
 * closes the open price entry and opens a new one; the transaction appends
 * ecommerce.product.price.changed.v1 (for a price change) and ecommerce.product.product.updated.v1.
 * A change that changes nothing writes nothing and emits nothing.
 */
import { withTransaction } from '@bazaar/platform/db/index';
import { type Product, type ProductChanges, applyProductChanges } from '../domain/product';
import { catalogErrors } from '../errors';
import { catalogOutbox } from '../persistence/catalog-outbox';
import { violatedConstraint } from '../persistence/db';
import { findOpenPriceEntry, recordPriceChange } from '../persistence/price-history.store';
import { findProduct, saveProductChanges } from '../persistence/product.store';
import type { CatalogDeps } from './catalog-deps';

export async function updateProduct(
  deps: CatalogDeps,
  id: string,
  changes: ProductChanges,
): Promise<Product> {
  try {
    return await withTransaction(deps.pool, async (tx) => {
      const stored = await findProduct(tx, id, { lock: true });
      if (!stored) throw catalogErrors.error('NOT_FOUND', `no product has id ${id}`);
      const currentPrice = await findOpenPriceEntry(tx, id);
      const outcome = applyProductChanges(stored.product, currentPrice, changes, deps.clock());
      if (outcome.kind === 'withdrawn')
        throw catalogErrors.error(
          'CONFLICT',
          `product ${id} was withdrawn from sale and can no longer be changed`,
        );
      if (outcome.kind === 'unchanged') return outcome.product;
      const { product, priceChange, changedFields } = outcome;
      await saveProductChanges(tx, product);
      const events = catalogOutbox(tx);
      if (priceChange) {
        await recordPriceChange(tx, id, priceChange);
        await events.publish(
          'ecommerce.product.price.changed.v1',
          {
            productId: id,
            sku: product.sku,
            previousPrice: priceChange.previous,
            newPrice: priceChange.next,
            validFrom: priceChange.effectiveAt.toISOString(),
          },
          { occurredAt: priceChange.effectiveAt },
        );
      }
      await events.publish(
        'ecommerce.product.product.updated.v1',
        {
          productId: id,
          sku: product.sku,
          name: product.name,
          description: product.description,
          categoryId: product.categoryId,
          price: product.price,
          changedFields: [...changedFields],
          updatedAt: product.updatedAt.toISOString(),
        },
        { occurredAt: product.updatedAt },
      );
      return product;
    });
  } catch (err) {
    if (violatedConstraint(err, 'foreign-key') === 'products_category_id_fkey')
      throw catalogErrors.error(
        'CATALOG_ERR_UNKNOWN_CATEGORY',
        `no category has id ${changes.categoryId}`,
      );
    throw err;
  }
}
