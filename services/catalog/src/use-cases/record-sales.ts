/**
 * Adds a paid order's units to each product's `salesCount` (the popularity sort), in the event
 * handler's transaction (the inbox makes a redelivered order.paid count once), and evicts the
 * cached products.
 */
import { type SoldLine, unitsSoldByProduct } from '../domain/sales-count';
import type { Db } from '../persistence/db';
import { addUnitsSold } from '../persistence/product-stock.store';
import type { CatalogDeps } from './catalog-deps';

/** Returns the products the catalog does not know (their units are not counted anywhere). */
export async function recordSales(
  deps: Pick<CatalogDeps, 'cache'>,
  db: Db,
  lines: readonly SoldLine[],
): Promise<string[]> {
  const unknown: string[] = [];
  const units = [...unitsSoldByProduct(lines)].sort(([a], [b]) => a.localeCompare(b));
  for (const [productId, sold] of units) {
    const version = await addUnitsSold(db, productId, sold);
    if (version === undefined) unknown.push(productId);
    else await deps.cache.evict(productId, version);
  }
  return unknown;
}
