/**
 * The order-placement saga as a step machine (architecture §5): for each step, what the saga
 * worker must do when the step is due, and when that is. A step's row in saga_instances is
 * rewritten with every event the order gets, so a crash at any point leaves a row saying what to
 * resume and when: the lease of the request that runs the step inline, the reservation's expiry
 * while awaiting payment, or the backoff after a failed attempt.
 */
import type { OrderState, SagaStep } from './order-state';

export type SagaAction =
  | 'reserve-stock'
  | 'expire-reservation'
  | 'charge-payment'
  | 'commit-reservation'
  | 'compensate'
  | 'none';

const ACTIONS: Record<SagaStep, SagaAction> = {
  RESERVING_STOCK: 'reserve-stock',
  AWAITING_PAYMENT: 'expire-reservation',
  CHARGING: 'charge-payment',
  COMMITTING: 'commit-reservation',
  COMPENSATING: 'compensate',
  COMPLETED: 'none',
  CLOSED: 'none',
};

/** What the worker does for an order at `step` once its saga is due. */
export function sagaAction(step: SagaStep): SagaAction {
  return ACTIONS[step];
}

/** How long each step may run inline (in the request that started it) before the worker takes over. */
export interface SagaLeases {
  reserveMs: number;
  chargeMs: number;
  commitMs: number;
  compensateMs: number;
}

export interface SagaSchedule {
  step: SagaStep;
  /** The business deadline: the reservation's expiry while stock is held for the unpaid order. */
  deadline: Date | null;
  /** When the worker looks next; null once the saga is over (COMPLETED or CLOSED). */
  nextAttemptAt: Date | null;
}

function after(now: Date, ms: number): Date {
  return new Date(now.getTime() + ms);
}

/** The saga row for `state`, written in the transaction of the events that led to it. */
export function sagaSchedule(state: OrderState, now: Date, leases: SagaLeases): SagaSchedule {
  const deadline = state.reservation ? new Date(state.reservation.expiresAt) : null;
  switch (state.step) {
    case 'RESERVING_STOCK':
      return { step: state.step, deadline, nextAttemptAt: after(now, leases.reserveMs) };
    case 'AWAITING_PAYMENT':
      return { step: state.step, deadline, nextAttemptAt: deadline ?? now };
    case 'CHARGING':
      return { step: state.step, deadline, nextAttemptAt: after(now, leases.chargeMs) };
    case 'COMMITTING':
      return { step: state.step, deadline, nextAttemptAt: after(now, leases.commitMs) };
    case 'COMPENSATING':
      return { step: state.step, deadline: null, nextAttemptAt: after(now, leases.compensateMs) };
    case 'COMPLETED':
    case 'CLOSED':
      return { step: state.step, deadline: null, nextAttemptAt: null };
  }
}

export interface SagaBackoff {
  baseMs: number;
  maxMs: number;
}

/**
 * When to try a step again after `attempts` failed tries (1 = the first failure): an exponential
 * ceiling min(max, base·2^(attempts-1)) with "equal jitter" (half fixed, half random), so retries
 * spread out but never come back at once in a hot loop.
 */
export function retryAt(
  attempts: number,
  now: Date,
  backoff: SagaBackoff,
  random: () => number = Math.random,
): Date {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
  return after(now, Math.round(ceiling / 2 + random() * (ceiling / 2)));
}
