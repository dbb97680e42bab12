/**
 * deleteProduct (admin): withdraws the product from sale (soft delete: the row and its price
 * history stay) and appends ecommerce.product.product.deleted.v1, in one transaction.
 */
import { withTransaction } from '@bazaar/platform/db/index';
import { withdrawProduct } from '../domain/product';
import { catalogErrors } from '../errors';
import { catalogOutbox } from '../persistence/catalog-outbox';
import { findProduct, markProductWithdrawn } from '../persistence/product.store';
import type { CatalogDeps } from './catalog-deps';

export async function deleteProduct(deps: CatalogDeps, id: string): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    const stored = await findProduct(tx, id, { lock: true });
    const outcome = stored ? withdrawProduct(stored.product, deps.clock()) : undefined;
    if (outcome?.kind !== 'withdrawn')
      throw catalogErrors.error('NOT_FOUND', `no product on sale has id ${id}`);
    const { product } = outcome;
    const deletedAt = product.deletedAt!;
    await markProductWithdrawn(tx, id, deletedAt);
    await catalogOutbox(tx).publish(
      'ecommerce.product.product.deleted.v1',
      { productId: id, sku: product.sku, deletedAt: deletedAt.toISOString() },
      { occurredAt: deletedAt },
    );
  });
}
