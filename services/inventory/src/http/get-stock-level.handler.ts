/** getStockLevel (GET /api/v1/inventory/{productId}, public): a tracked product's stock level. */
import type { InventoryHandlers } from '@bazaar/generated/http/inventory/server';
import { inventoryErrors } from '../errors';
import { getStockLevel } from '../use-cases/query-stock.use-case';
import type { UseCaseDeps } from '../use-cases/use-case-deps';
import { toStockLevel } from './stock.mapper';

export function getStockLevelHandler(deps: UseCaseDeps): InventoryHandlers['getStockLevel'] {
  return async ({ path }, reply) => {
    const row = await getStockLevel(deps, path.productId);
    if (!row)
      return reply(
        404,
        inventoryErrors.problem('NOT_FOUND', `inventory does not track product ${path.productId}`),
      );
    return reply(200, toStockLevel(row));
  };
}
