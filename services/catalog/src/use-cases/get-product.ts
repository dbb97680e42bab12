/**
 * getProduct: read-through the Redis cache. A miss loads the product from PostgreSQL and caches
 * it with its row version; withdrawn or unknown products are not found (and not cached).
 */
import { type ProductView, toProductView } from '../domain/product';
import { findProduct } from '../persistence/product.store';
import type { CatalogDeps } from './catalog-deps';

export async function getProduct(deps: CatalogDeps, id: string): Promise<ProductView | undefined> {
  const cached = await deps.cache.read(id);
  if (cached) return cached;
  const stored = await findProduct(deps.pool, id);
  if (!stored || stored.product.deletedAt !== null) return undefined;
  const view = toProductView(stored.product);
  await deps.cache.fill(id, view, stored.version);
  return view;
}
