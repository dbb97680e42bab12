/**
 * adjustStock (POST /api/v1/inventory/{productId}/adjustments, admin): applies a delta with source
 * ADMIN; 409 INVENTORY_ERR_INSUFFICIENT_STOCK when available stock would go negative.
 */
import type { InventoryHandlers } from '@bazaar/generated/http/inventory/server';
import { MAX_UNITS } from '../domain/stock-level';
import { inventoryErrors } from '../errors';
import { adjustStock } from '../use-cases/adjust-stock.use-case';
import type { UseCaseDeps } from '../use-cases/use-case-deps';
import { toStockAdjustment } from './stock.mapper';

export function adjustStockHandler(deps: UseCaseDeps): InventoryHandlers['adjustStock'] {
  return async ({ path, body }, reply) => {
    const result = await adjustStock(deps, {
      target: { productId: path.productId },
      delta: body.delta,
      reason: body.reason,
      note: body.note ?? null,
      source: 'ADMIN',
    });
    switch (result.kind) {
      case 'applied':
        return reply(201, toStockAdjustment(result.adjustment), {
          Location: `/api/v1/inventory/${path.productId}/adjustments/${result.adjustment.id}`,
        });
      case 'unknown-product':
        return reply(
          404,
          inventoryErrors.problem(
            'NOT_FOUND',
            `inventory does not track product ${path.productId}`,
          ),
        );
      case 'insufficient-stock':
        return reply(
          409,
          inventoryErrors.problem(
            'INVENTORY_ERR_INSUFFICIENT_STOCK',
            `cannot remove ${-body.delta} units of ${result.sku}, only ${result.available} are available`,
          ),
        );
      case 'too-much-stock':
        return reply(
          400,
          inventoryErrors.problem('VALIDATION_FAILED', '1 field is invalid', {
            errors: [
              {
                field: 'body.delta',
                message: `would raise ${result.sku} on hand from ${result.onHand} past ${MAX_UNITS}`,
              },
            ],
          }),
        );
    }
  };
}
