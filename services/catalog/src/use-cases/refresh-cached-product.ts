/**
 * What the catalog's own product events do to its Redis product cache (architecture §6: caches
 * are built from events only). A change, price change or withdrawal evicts the product at its
 * current row version; a creation caches the new product at once, so its first read is a hit.
 */
import { toProductView } from '../domain/product';
import type { Db } from '../persistence/db';
import { findProduct, productVersion } from '../persistence/product.store';
import type { CatalogDeps } from './catalog-deps';

/** Evicts the cached product; false when the catalog has no such product. */
export async function evictCachedProduct(
  deps: Pick<CatalogDeps, 'cache'>,
  db: Db,
  productId: string,
): Promise<boolean> {
  const version = await productVersion(db, productId);
  if (version === undefined) return false;
  await deps.cache.evict(productId, version);
  return true;
}

/** Caches a product that is on sale; false when it is unknown or already withdrawn. */
export async function cacheProduct(
  deps: Pick<CatalogDeps, 'cache'>,
  db: Db,
  productId: string,
): Promise<boolean> {
  const stored = await findProduct(db, productId);
  if (!stored || stored.product.deletedAt !== null) return false;
  await deps.cache.fill(productId, toProductView(stored.product), stored.version);
  return true;
}
