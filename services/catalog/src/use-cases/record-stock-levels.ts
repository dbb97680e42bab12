/**
 * Keeps each product's `inStock` flag from inventory's stock events (stock.adjusted, reserved,
 * released, depleted), in the event handler's transaction. Reports older than the level already
 * applied are ignored (domain/stock-level.ts); a flip of `inStock` evicts the cached product.
 */
import { type StockReport, decideStockLevel } from '../domain/stock-level';
import type { Db } from '../persistence/db';
import { lockStockState, saveStockState } from '../persistence/product-stock.store';
import type { CatalogDeps } from './catalog-deps';

export interface StockLevelOutcome {
  /** Products whose level was applied. */
  applied: string[];
  /** Products whose report was older than the applied level. */
  stale: string[];
  /** Products the catalog does not know. */
  unknown: string[];
}

export async function recordStockLevels(
  deps: Pick<CatalogDeps, 'cache'>,
  db: Db,
  reports: readonly StockReport[],
): Promise<StockLevelOutcome> {
  const outcome: StockLevelOutcome = { applied: [], stale: [], unknown: [] };
  // Locks in product-id order, so two events touching the same products cannot deadlock.
  const ordered = [...reports].sort((a, b) => a.productId.localeCompare(b.productId));
  for (const report of ordered) {
    const current = await lockStockState(db, report.productId);
    if (!current) {
      outcome.unknown.push(report.productId);
      continue;
    }
    const decision = decideStockLevel(current, report);
    if (decision.kind === 'stale') {
      outcome.stale.push(report.productId);
      continue;
    }
    const version = await saveStockState(db, report.productId, decision.state);
    if (decision.flipped) await deps.cache.evict(report.productId, version);
    outcome.applied.push(report.productId);
  }
  return outcome;
}
