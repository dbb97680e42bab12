/** CommitReservation over gRPC: validates order_id, runs the use case, answers its outcome. */
import type { CommitReservationRequest__Output } from '@bazaar/generated/grpc/types/bazaar/inventory/v1/CommitReservationRequest';
import type { CommitReservationResponse } from '@bazaar/generated/grpc/types/bazaar/inventory/v1/CommitReservationResponse';
import { requireUuid } from '../domain/reservation-request';
import { commitReservation } from '../use-cases/commit-reservation.use-case';
import type { UseCaseDeps } from '../use-cases/use-case-deps';
import { toTimestamp } from './proto-time';

export async function commitReservationRpc(
  deps: UseCaseDeps,
  request: CommitReservationRequest__Output,
): Promise<CommitReservationResponse> {
  const orderId = requireUuid(request.orderId, 'order_id');
  const result = await commitReservation(deps, { orderId });
  switch (result.outcome) {
    case 'NO_RESERVATION':
      return { outcome: 'COMMIT_OUTCOME_NO_RESERVATION' };
    case 'EXPIRED':
      return { outcome: 'COMMIT_OUTCOME_EXPIRED', reservationId: result.reservationId };
    case 'RELEASED':
      return { outcome: 'COMMIT_OUTCOME_RELEASED', reservationId: result.reservationId };
    case 'COMMITTED':
    case 'ALREADY_COMMITTED':
      return {
        outcome: `COMMIT_OUTCOME_${result.outcome}`,
        reservationId: result.reservationId,
        committedAt: toTimestamp(result.committedAt),
      };
  }
}
