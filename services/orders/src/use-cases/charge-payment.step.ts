/**
 * Saga step 3a: charge the order through payment with the charge's own Idempotency-Key (derived
 * from the order and the customer's key, kept in the saga row), and record what payment answered:
 * succeeded → COMMITTING, then the commit runs; declined or provider unavailable → back to
 * AWAITING_PAYMENT. When the outcome is unknown (timeout, request still running at payment) the
 * order stays CHARGING: the worker repeats the charge with the same key, and payment's events
 * (payment.succeeded/failed) settle it too.
 */
import type { OrderState } from '../domain/order-state';
import type { ChargeResult } from '../outbound/payment.http-client';
import type { ChargeIntent } from '../persistence/saga-store';
import { commitReservation } from './commit-reservation.step';
import { leaveToWorker } from './leave-to-worker';
import { runOrderCommand } from './order-transaction';
import type { UseCaseDeps } from './use-case-deps';

export interface ChargeStepResult {
  state: OrderState;
  charge: ChargeResult;
}

export async function chargePayment(
  deps: UseCaseDeps,
  state: OrderState,
  intent: ChargeIntent,
): Promise<ChargeStepResult> {
  const charge = await deps.payment.charge({
    orderId: state.orderId,
    customerId: state.customerId,
    amount: state.total,
    paymentMethod: intent.paymentMethod,
    idempotencyKey: intent.attemptKey,
  });
  deps.metrics.sagaSteps.inc({ step: 'charge_payment', outcome: charge.kind });
  if (charge.kind === 'already-paid' || charge.kind === 'unknown') return { state, charge };
  const recorded = await runOrderCommand(deps, state.orderId, {
    type: 'RecordChargeOutcome',
    attemptKey: intent.attemptKey,
    outcome:
      charge.kind === 'succeeded'
        ? { kind: 'succeeded', paymentId: charge.paymentId }
        : charge.kind === 'declined'
          ? { kind: 'declined', paymentId: charge.paymentId, declineCode: charge.declineCode }
          : { kind: 'unavailable' },
  });
  const current = recorded.state ?? state;
  if (current.step !== 'COMMITTING') return { state: current, charge };
  try {
    return { state: await commitReservation(deps, current), charge };
  } catch (error) {
    const left = await leaveToWorker(
      deps,
      state.orderId,
      error,
      'the commit after a successful charge',
    );
    return { state: left ?? current, charge };
  }
}
