/** getStockAdjustment (GET /api/v1/inventory/{productId}/adjustments/{adjustmentId}, admin). */
import type { InventoryHandlers } from '@bazaar/generated/http/inventory/server';
import { inventoryErrors } from '../errors';
import { getStockAdjustment } from '../use-cases/read-adjustments.use-case';
import type { UseCaseDeps } from '../use-cases/use-case-deps';
import { toStockAdjustment } from './stock.mapper';

export function getStockAdjustmentHandler(
  deps: UseCaseDeps,
): InventoryHandlers['getStockAdjustment'] {
  return async ({ path }, reply) => {
    const adjustment = await getStockAdjustment(deps, path.productId, path.adjustmentId);
    if (!adjustment)
      return reply(
        404,
        inventoryErrors.problem(
          'NOT_FOUND',
          `product ${path.productId} has no adjustment ${path.adjustmentId}`,
        ),
      );
    return reply(200, toStockAdjustment(adjustment));
  };
}
