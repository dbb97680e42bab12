/** listStockAdjustments (GET /api/v1/inventory/{productId}/adjustments, admin): the log, newest first. */
import type { InventoryHandlers } from '@bazaar/generated/http/inventory/server';
import { inventoryErrors } from '../errors';
import { listStockAdjustments } from '../use-cases/read-adjustments.use-case';
import type { UseCaseDeps } from '../use-cases/use-case-deps';
import { toStockAdjustment } from './stock.mapper';

export function listStockAdjustmentsHandler(
  deps: UseCaseDeps,
): InventoryHandlers['listStockAdjustments'] {
  return async ({ path, query }, reply) => {
    const page = { number: query.page ?? 1, size: query.pageSize ?? 20 };
    const result = await listStockAdjustments(deps, path.productId, page);
    if (!result)
      return reply(
        404,
        inventoryErrors.problem('NOT_FOUND', `inventory never tracked product ${path.productId}`),
      );
    return reply(200, {
      items: result.items.map(toStockAdjustment),
      page: {
        number: page.number,
        size: page.size,
        totalItems: result.totalItems,
        totalPages: Math.ceil(result.totalItems / page.size),
      },
    });
  };
}
