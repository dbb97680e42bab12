/** ReleaseStock over gRPC: validates order_id and reason, runs the use case, answers its outcome. */
import type { ReleaseStockRequest__Output } from '@bazaar/generated/grpc/types/bazaar/inventory/v1/ReleaseStockRequest';
import type { ReleaseStockResponse } from '@bazaar/generated/grpc/types/bazaar/inventory/v1/ReleaseStockResponse';
import { InvalidFieldError } from '../domain/domain-errors';
import type { ReleaseReason } from '../domain/reservation';
import { requireUuid } from '../domain/reservation-request';
import { releaseStock } from '../use-cases/release-stock.use-case';
import type { UseCaseDeps } from '../use-cases/use-case-deps';
import { toTimestamp } from './proto-time';

const REASONS: Readonly<Record<string, ReleaseReason>> = {
  RELEASE_REASON_ORDER_CANCELED: 'ORDER_CANCELED',
  RELEASE_REASON_RESERVATION_EXPIRED: 'RESERVATION_EXPIRED',
};

export async function releaseStockRpc(
  deps: UseCaseDeps,
  request: ReleaseStockRequest__Output,
): Promise<ReleaseStockResponse> {
  const orderId = requireUuid(request.orderId, 'order_id');
  const reason = REASONS[String(request.reason)];
  if (!reason)
    throw new InvalidFieldError(
      'reason',
      'must be RELEASE_REASON_ORDER_CANCELED or RELEASE_REASON_RESERVATION_EXPIRED',
    );
  const result = await releaseStock(deps, { orderId, reason });
  if (result.outcome === 'NOTHING_TO_RELEASE')
    return { outcome: 'RELEASE_OUTCOME_NOTHING_TO_RELEASE' };
  return {
    outcome:
      result.outcome === 'RELEASED'
        ? 'RELEASE_OUTCOME_RELEASED'
        : 'RELEASE_OUTCOME_ALREADY_RELEASED',
    reservationId: result.reservationId,
    releasedAt: toTimestamp(result.releasedAt),
  };
}
