/** How the stock event handlers report what they did not apply (the applied levels speak for themselves). */
import type { EventHandlerContext } from '@bazaar/platform/events/index';
import type { StockLevelOutcome } from '../use-cases/record-stock-levels';

export function logStockOutcome(ctx: EventHandlerContext, outcome: StockLevelOutcome): void {
  if (outcome.stale.length > 0)
    ctx.log.debug({ productIds: outcome.stale }, 'older stock level ignored');
  if (outcome.unknown.length > 0)
    ctx.log.warn(
      { productIds: outcome.unknown },
      'stock level for products the catalog does not know',
    );
}
