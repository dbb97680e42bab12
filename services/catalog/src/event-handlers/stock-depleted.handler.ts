/** ecommerce.inventory.stock.depleted.v1: marks the product out of stock (no units available). */
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { recordStockLevels } from '../use-cases/record-stock-levels';
import type { CatalogEventHandler } from './handler-types';
import { logStockOutcome } from './stock-outcome-log';

export function stockDepletedHandler(
  deps: Pick<CatalogDeps, 'cache'>,
): CatalogEventHandler<'ecommerce.inventory.stock.depleted.v1'> {
  return async function stockDepleted(event, ctx) {
    const outcome = await recordStockLevels(deps, ctx.db, [
      { productId: event.payload.productId, available: 0, observedAt: new Date(event.occurredAt) },
    ]);
    logStockOutcome(ctx, outcome);
  };
}
