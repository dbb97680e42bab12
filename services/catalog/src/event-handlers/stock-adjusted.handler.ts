/** ecommerce.inventory.stock.adjusted.v1: sets the product's `inStock` from `available`. */
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { recordStockLevels } from '../use-cases/record-stock-levels';
import type { CatalogEventHandler } from './handler-types';
import { logStockOutcome } from './stock-outcome-log';

export function stockAdjustedHandler(
  deps: Pick<CatalogDeps, 'cache'>,
): CatalogEventHandler<'ecommerce.inventory.stock.adjusted.v1'> {
  return async function stockAdjusted(event, ctx) {
    const { productId, available } = event.payload;
    const outcome = await recordStockLevels(deps, ctx.db, [
      { productId, available, observedAt: new Date(event.occurredAt) },
    ]);
    logStockOutcome(ctx, outcome);
  };
}
