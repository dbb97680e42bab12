/**
 * The order as its events make it: `evolve(state, event)` folds one domain event into the state,
 * and `replayOrder` folds a whole history. The status (PENDING, PAID, FULFILLED, CANCELED) and the
 * saga step are kept side by side (architecture §5), never folded into one another.
 */
import type { CancellationReason, OrderEvent, OrderLine, StockShortage } from './order-events';
import { sum, times, type Money } from './money';

export type OrderStatus = 'PENDING' | 'PAID' | 'FULFILLED' | 'CANCELED';

/**
 * The saga step. COMMITTING (payment succeeded, the reservation is being committed) is the
 * saga's own; the public contract shows it as CHARGING, since the order can be neither paid nor
 * canceled while it lasts.
 */
export type SagaStep =
  | 'RESERVING_STOCK'
  | 'AWAITING_PAYMENT'
  | 'CHARGING'
  | 'COMMITTING'
  | 'COMPLETED'
  | 'COMPENSATING'
  | 'CLOSED';

export interface OrderPayment {
  readonly paymentId: string;
  readonly status: 'SUCCEEDED' | 'FAILED' | 'REFUNDED';
  readonly paidAt: string | null;
  readonly declineCode: string | null;
}

export interface OrderCancellation {
  readonly reason: CancellationReason;
  readonly note: string | null;
  readonly canceledAt: string;
  readonly previousStatus: 'PENDING' | 'PAID';
  readonly refunded: boolean;
  readonly shortages: readonly StockShortage[];
}

export interface PendingCompensation {
  readonly releaseStock: boolean;
  readonly refundPaymentId: string | null;
}

export interface OrderState {
  readonly orderId: string;
  /** Number of events in the history (the version the next event follows). */
  readonly version: number;
  readonly customerId: string;
  readonly status: OrderStatus;
  readonly step: SagaStep;
  readonly lines: readonly OrderLine[];
  readonly total: Money;
  readonly fromCart: boolean;
  readonly placedAt: string;
  readonly updatedAt: string;
  /** The active reservation while stock is held for the unpaid order; null otherwise. */
  readonly reservation: { readonly reservationId: string; readonly expiresAt: string } | null;
  /** The charge under way (CHARGING): its key at payment and when it started. */
  readonly charge: { readonly attemptKey: string; readonly startedAt: string } | null;
  /** The key of the latest charge started, kept after it ended (to recognise a repeated pay). */
  readonly lastAttemptKey: string | null;
  readonly payment: OrderPayment | null;
  readonly paidAt: string | null;
  readonly fulfilledAt: string | null;
  readonly cancellation: OrderCancellation | null;
  readonly compensation: PendingCompensation;
}

export class OrderHistoryError extends Error {
  override readonly name = 'OrderHistoryError';
}

const NOTHING_PENDING: PendingCompensation = { releaseStock: false, refundPaymentId: null };

function placed(orderId: string, event: Extract<OrderEvent, { type: 'OrderPlaced' }>): OrderState {
  return {
    orderId,
    version: 1,
    customerId: event.customerId,
    status: 'PENDING',
    step: 'RESERVING_STOCK',
    lines: event.lines,
    total: sum(event.lines.map((line) => times(line.unitPrice, line.quantity))),
    fromCart: event.fromCart,
    placedAt: event.at,
    updatedAt: event.at,
    reservation: null,
    charge: null,
    lastAttemptKey: null,
    payment: null,
    paidAt: null,
    fulfilledAt: null,
    cancellation: null,
    compensation: NOTHING_PENDING,
  };
}

function settled(compensation: PendingCompensation): boolean {
  return !compensation.releaseStock && compensation.refundPaymentId === null;
}

/** The state after `event`; `state` is undefined before the first event (OrderPlaced). */
export function evolve(
  state: OrderState | undefined,
  event: OrderEvent,
  orderId = state?.orderId,
): OrderState {
  if (event.type === 'OrderPlaced') {
    if (state) throw new OrderHistoryError(`order ${state.orderId} was already placed`);
    if (!orderId) throw new OrderHistoryError('OrderPlaced needs the order id');
    return placed(orderId, event);
  }
  if (!state) throw new OrderHistoryError(`${event.type} before OrderPlaced`);
  const next = { ...state, version: state.version + 1, updatedAt: event.at };
  switch (event.type) {
    case 'StockReserved':
      return {
        ...next,
        step: 'AWAITING_PAYMENT',
        reservation: { reservationId: event.reservationId, expiresAt: event.expiresAt },
      };
    case 'PaymentStarted':
      return {
        ...next,
        step: 'CHARGING',
        charge: { attemptKey: event.attemptKey, startedAt: event.at },
        lastAttemptKey: event.attemptKey,
      };
    case 'PaymentDeclined':
      return {
        ...next,
        step: 'AWAITING_PAYMENT',
        charge: null,
        payment: {
          paymentId: event.paymentId,
          status: 'FAILED',
          paidAt: null,
          declineCode: event.declineCode,
        },
      };
    case 'PaymentUnavailable':
      return { ...next, step: 'AWAITING_PAYMENT', charge: null };
    case 'PaymentSucceeded':
      return {
        ...next,
        step: 'COMMITTING',
        charge: null,
        payment: {
          paymentId: event.paymentId,
          status: 'SUCCEEDED',
          paidAt: event.at,
          declineCode: null,
        },
      };
    case 'OrderPaid':
      return { ...next, status: 'PAID', step: 'COMPLETED', reservation: null, paidAt: event.at };
    case 'OrderCanceled': {
      const compensation = {
        releaseStock: event.releaseStock,
        refundPaymentId: event.refundPaymentId,
      };
      return {
        ...next,
        status: 'CANCELED',
        step: settled(compensation) ? 'CLOSED' : 'COMPENSATING',
        reservation: null,
        charge: null,
        cancellation: {
          reason: event.reason,
          note: event.note,
          canceledAt: event.at,
          previousStatus: event.previousStatus,
          refunded: false,
          shortages: event.shortages,
        },
        compensation,
      };
    }
    case 'StockReleased':
      return { ...next, compensation: { ...state.compensation, releaseStock: false } };
    case 'PaymentRefunded':
      return {
        ...next,
        compensation: { ...state.compensation, refundPaymentId: null },
        payment: state.payment ? { ...state.payment, status: 'REFUNDED' } : state.payment,
        cancellation: state.cancellation ? { ...state.cancellation, refunded: true } : null,
      };
    case 'CompensationCompleted':
      return { ...next, step: 'CLOSED' };
    case 'OrderFulfilled':
      return { ...next, status: 'FULFILLED', step: 'COMPLETED', fulfilledAt: event.at };
  }
}

/** Folds a whole history (oldest first); undefined when it is empty. */
export function replayOrder(
  orderId: string,
  events: readonly OrderEvent[],
): OrderState | undefined {
  return events.reduce<OrderState | undefined>(
    (state, event) => evolve(state, event, orderId),
    undefined,
  );
}

/** Whether a canceled order still owes a release or a refund. */
export function compensationSettled(state: OrderState): boolean {
  return settled(state.compensation);
}
