/** QueryStock over gRPC: 1 to 100 product UUIDs, answered once each in first-named order. */
import type { QueryStockRequest__Output } from '@bazaar/generated/grpc/types/bazaar/inventory/v1/QueryStockRequest';
import type { QueryStockResponse } from '@bazaar/generated/grpc/types/bazaar/inventory/v1/QueryStockResponse';
import { InvalidFieldError } from '../domain/domain-errors';
import { requireUuid } from '../domain/reservation-request';
import { queryStock } from '../use-cases/query-stock.use-case';
import type { UseCaseDeps } from '../use-cases/use-case-deps';

export const MAX_QUERY_PRODUCTS = 100;

export async function queryStockRpc(
  deps: UseCaseDeps,
  request: QueryStockRequest__Output,
): Promise<QueryStockResponse> {
  if (request.productIds.length === 0)
    throw new InvalidFieldError('product_ids', 'at least one product id is required');
  if (request.productIds.length > MAX_QUERY_PRODUCTS)
    throw new InvalidFieldError('product_ids', `at most ${MAX_QUERY_PRODUCTS} are allowed`);
  const ids = request.productIds.map((id, index) => requireUuid(id, `product_ids[${index}]`));
  const rows = await queryStock(deps, ids);
  return {
    levels: rows.map((row) => ({
      productId: row.productId,
      sku: row.sku,
      onHand: row.onHand,
      reserved: row.reserved,
      available: row.available,
    })),
  };
}
