/**
 * Saga step 3b: after a successful charge, commit the order's reservation (CommitReservation).
 * Committed → the order is PAID (order.paid published). The reservation lapsed meanwhile → the
 * order is canceled (RESERVATION_EXPIRED) and the payment refunded. Inventory unreachable → the
 * error propagates and the order stays COMMITTING for the worker.
 */
import type { OrderState } from '../domain/order-state';
import { compensateOrLeaveToWorker } from './compensate-order.step';
import { runOrderCommand } from './order-transaction';
import type { UseCaseDeps } from './use-case-deps';

export async function commitReservation(deps: UseCaseDeps, state: OrderState): Promise<OrderState> {
  if (state.step !== 'COMMITTING') return state;
  let outcome;
  try {
    outcome = await deps.inventory.commitReservation(state.orderId);
  } catch (error) {
    deps.metrics.sagaSteps.inc({ step: 'commit_reservation', outcome: 'failed' });
    throw error;
  }
  deps.metrics.sagaSteps.inc({ step: 'commit_reservation', outcome });
  const recorded = await runOrderCommand(deps, state.orderId, { type: 'RecordCommit', outcome });
  return compensateOrLeaveToWorker(deps, recorded.state ?? state);
}
