/**
 * Stock reads (QueryStock over gRPC, getStockLevel over REST): the current levels of open
 * products, without locks. A product the catalog never created, or deleted, is unknown.
 */
import { findStockItems, type StockRow } from '../persistence/stock.repository';
import { UnknownProductError } from './use-case-errors';
import type { UseCaseDeps } from './use-case-deps';

/** The levels of `productIds` (distinct, in first-named order); throws for the first unknown one. */
export async function queryStock(
  deps: Pick<UseCaseDeps, 'pool'>,
  productIds: readonly string[],
): Promise<StockRow[]> {
  const distinct = [...new Set(productIds)];
  const rows = await findStockItems(deps.pool, distinct);
  return distinct.map((productId) => {
    const row = rows.get(productId);
    if (!row || row.closedAt) throw new UnknownProductError(productId);
    return row;
  });
}

/** One open product's level, or undefined. */
export async function getStockLevel(
  deps: Pick<UseCaseDeps, 'pool'>,
  productId: string,
): Promise<StockRow | undefined> {
  const row = (await findStockItems(deps.pool, [productId])).get(productId);
  return row && !row.closedAt ? row : undefined;
}
