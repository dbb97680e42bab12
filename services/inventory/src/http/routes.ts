/**
 * The inventory REST operations (contracts/openapi/inventory.yaml): operationId → handler, the
 * only list, typed by the generated InventoryHandlers.
 */
import type { InventoryHandlers } from '@bazaar/generated/http/inventory/server';
import type { UseCaseDeps } from '../use-cases/use-case-deps';
import { adjustStockHandler } from './adjust-stock.handler';
import { getStockAdjustmentHandler } from './get-stock-adjustment.handler';
import { getStockLevelHandler } from './get-stock-level.handler';
import { listStockAdjustmentsHandler } from './list-stock-adjustments.handler';

export function inventoryRoutes(deps: UseCaseDeps): InventoryHandlers {
  return {
    getStockLevel: getStockLevelHandler(deps),
    adjustStock: adjustStockHandler(deps),
    listStockAdjustments: listStockAdjustmentsHandler(deps),
    getStockAdjustment: getStockAdjustmentHandler(deps),
  };
}
