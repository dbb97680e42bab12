/**
 * ReserveStock over gRPC: validates the request (fields named as in the proto), runs the use case
 * and answers its outcome; counts reservations and out-of-stock failures.
 */
import type { ReserveStockRequest__Output } from '@bazaar/generated/grpc/types/bazaar/inventory/v1/ReserveStockRequest';
import type { ReserveStockResponse } from '@bazaar/generated/grpc/types/bazaar/inventory/v1/ReserveStockResponse';
import { requireUuid, resolveTtlMs, validateReservationItems } from '../domain/reservation-request';
import type { InventoryMetrics } from '../metrics';
import { reserveStock } from '../use-cases/reserve-stock.use-case';
import type { UseCaseDeps } from '../use-cases/use-case-deps';
import { toTimestamp } from './proto-time';

export interface ReserveStockRpcDeps extends UseCaseDeps {
  defaultTtlMs: number;
  metrics: InventoryMetrics;
}

export async function reserveStockRpc(
  deps: ReserveStockRpcDeps,
  request: ReserveStockRequest__Output,
): Promise<ReserveStockResponse> {
  const orderId = requireUuid(request.orderId, 'order_id');
  const items = validateReservationItems(request.items);
  const ttlMs = resolveTtlMs(request.ttl, deps.defaultTtlMs);
  const result = await reserveStock(deps, { orderId, items, ttlMs });
  deps.metrics.reservations.inc({ outcome: result.outcome });
  if (result.outcome === 'OUT_OF_STOCK') {
    deps.metrics.reservationFailures.inc();
    return {
      outcome: 'RESERVATION_OUTCOME_OUT_OF_STOCK',
      shortages: result.shortages.map((shortage) => ({ ...shortage })),
    };
  }
  return {
    outcome:
      result.outcome === 'RESERVED'
        ? 'RESERVATION_OUTCOME_RESERVED'
        : 'RESERVATION_OUTCOME_ALREADY_RESERVED',
    reservationId: result.reservationId,
    expiresAt: toTimestamp(result.expiresAt),
  };
}
