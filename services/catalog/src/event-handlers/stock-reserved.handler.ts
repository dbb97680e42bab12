/** ecommerce.inventory.stock.reserved.v1: Sets each reserved product's `inStock` from its `available`. */
import { reportsFromItems } from '../domain/stock-level';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { recordStockLevels } from '../use-cases/record-stock-levels';
import type { CatalogEventHandler } from './handler-types';
import { logStockOutcome } from './stock-outcome-log';

export function stockReservedHandler(
  deps: Pick<CatalogDeps, 'cache'>,
): CatalogEventHandler<'ecommerce.inventory.stock.reserved.v1'> {
  return async function stockReserved(event, ctx) {
    const reports = reportsFromItems(event.payload.items, new Date(event.occurredAt));
    logStockOutcome(ctx, await recordStockLevels(deps, ctx.db, reports));
  };
}
