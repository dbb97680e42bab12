/**
 * What the saga worker does with one due saga: load the order (its events are the truth, the saga
 * row only says when to look), run the step its saga step calls for, and on failure schedule the
 * next try with backoff. Steps: RESERVING_STOCK → reserve again (a crash interrupted placeOrder;
 * ReserveStock is idempotent per order); AWAITING_PAYMENT → at the reservation's deadline, cancel
 * (RESERVATION_EXPIRED) and release; CHARGING → repeat the charge with its own key; COMMITTING →
 * commit; COMPENSATING → release and refund what is still owed.
 */
import { sagaAction, retryAt, type SagaAction } from '../domain/place-order-saga';
import type { OrderState } from '../domain/order-state';
import { loadOrder } from '../persistence/order-event-store';
import { recordSagaFailure, type SagaRow } from '../persistence/saga-store';
import { chargePayment } from './charge-payment.step';
import { commitReservation } from './commit-reservation.step';
import { compensateOrder, StepPendingError } from './compensate-order.step';
import { runOrderCommand } from './order-transaction';
import { reserveStock } from './reserve-stock.step';
import type { UseCaseDeps } from './use-case-deps';

async function run(
  deps: UseCaseDeps,
  saga: SagaRow,
  state: OrderState,
  action: SagaAction,
): Promise<void> {
  switch (action) {
    case 'reserve-stock':
      await reserveStock(deps, state);
      return;
    case 'expire-reservation': {
      const expired = await runOrderCommand(deps, state.orderId, { type: 'ExpireReservation' });
      if (expired.events.length === 0 || !expired.state) return;
      deps.metrics.sagaSteps.inc({ step: 'expire_reservation', outcome: 'canceled' });
      await compensateOrder(deps, expired.state);
      return;
    }
    case 'charge-payment': {
      const attemptKey = state.charge?.attemptKey;
      if (!saga.charge || saga.charge.attemptKey !== attemptKey) {
        // No record of what was charged (cannot happen through saveSaga): nothing can be repeated,
        // so the order goes back to awaiting payment; payment's events still settle a success.
        await runOrderCommand(deps, state.orderId, {
          type: 'RecordChargeOutcome',
          attemptKey: attemptKey ?? '',
          outcome: { kind: 'unavailable' },
        });
        return;
      }
      const { charge } = await chargePayment(deps, state, saga.charge);
      if (charge.kind === 'unknown' || charge.kind === 'already-paid')
        throw new StepPendingError(`the charge's outcome is not known yet (${charge.kind})`);
      return;
    }
    case 'commit-reservation':
      await commitReservation(deps, state);
      return;
    case 'compensate':
      await compensateOrder(deps, state);
      return;
    case 'none':
      return;
  }
}

export async function advanceSaga(deps: UseCaseDeps, saga: SagaRow): Promise<void> {
  const state = await loadOrder(deps.pool, saga.orderId);
  if (!state) {
    deps.logger.error({ orderId: saga.orderId }, 'saga of an order without events; left alone');
    return;
  }
  const action = sagaAction(state.step);
  try {
    await run(deps, saga, state, action);
    deps.metrics.sagaWorkerRuns.inc({ action, result: 'advanced' });
  } catch (error) {
    deps.metrics.sagaWorkerRuns.inc({ action, result: 'failed' });
    const now = deps.clock();
    const nextAttemptAt = retryAt(saga.attempts + 1, now, deps.backoff);
    deps.logger.warn(
      { orderId: saga.orderId, action, attempts: saga.attempts + 1, nextAttemptAt, err: error },
      'saga step failed; it will be tried again',
    );
    await recordSagaFailure(deps.pool, {
      orderId: saga.orderId,
      orderVersion: saga.orderVersion,
      nextAttemptAt,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      now,
    });
  }
}
