/**
 * The order aggregate's decisions: `decide(state, command, now)` returns the events a command
 * causes (none when it was already applied, so every saga step can be recorded twice safely) or
 * throws an OrderRuleError. Together with `evolve` (order-state.ts) it is the whole of the order's
 * behaviour; it does no I/O.
 */
import type { OrderCommand } from './order-commands';
import { OrderRuleError } from './order-errors';
import type { OrderCanceled, OrderEvent } from './order-events';
import { checkOrderLines } from './order-lines';
import { evolve, type OrderState } from './order-state';

export { evolve, replayOrder } from './order-state';

function describe(state: OrderState): string {
  if (state.status === 'CANCELED' && state.cancellation)
    return `CANCELED (${state.cancellation.reason.toLowerCase().replace(/_/g, ' ')})`;
  if (state.status !== 'PENDING') return state.status;
  const steps: Record<string, string> = {
    RESERVING_STOCK: 'PENDING (stock is being reserved)',
    CHARGING: 'PENDING (its payment is being charged)',
    COMMITTING: 'PENDING (its payment is being charged)',
  };
  return steps[state.step] ?? 'PENDING';
}

function canceled(
  state: OrderState,
  at: string,
  fields: Pick<OrderCanceled, 'reason' | 'note' | 'releaseStock' | 'refundPaymentId'> &
    Partial<Pick<OrderCanceled, 'shortages'>>,
): OrderCanceled {
  return {
    type: 'OrderCanceled',
    at,
    previousStatus: state.status === 'PAID' ? 'PAID' : 'PENDING',
    shortages: [],
    ...fields,
  };
}

/** CompensationCompleted when neither a release nor a refund is still owed. */
function closeIfSettled(releasePending: boolean, refundPending: boolean, at: string): OrderEvent[] {
  return releasePending || refundPending ? [] : [{ type: 'CompensationCompleted', at }];
}

function decideCancel(
  state: OrderState,
  by: 'customer' | 'admin',
  note: string | null,
  at: string,
): OrderEvent[] {
  if (state.status === 'FULFILLED' || state.status === 'CANCELED')
    throw new OrderRuleError('NOT_CANCELABLE', `the order is ${describe(state)}`);
  if (state.status === 'PAID') {
    if (by !== 'admin')
      throw new OrderRuleError('CANCEL_FORBIDDEN', 'a paid order can only be canceled by an admin');
    return [
      canceled(state, at, {
        reason: 'ADMIN',
        note,
        releaseStock: true,
        refundPaymentId: state.payment?.paymentId ?? null,
      }),
    ];
  }
  if (state.step !== 'AWAITING_PAYMENT')
    throw new OrderRuleError('NOT_CANCELABLE', `the order is ${describe(state)}`);
  return [
    canceled(state, at, {
      reason: by === 'admin' ? 'ADMIN' : 'CUSTOMER_REQUEST',
      note,
      releaseStock: true,
      refundPaymentId: null,
    }),
  ];
}

export function decide(
  state: OrderState | undefined,
  command: OrderCommand,
  now: Date,
): OrderEvent[] {
  const at = now.toISOString();
  if (command.type === 'PlaceOrder') {
    if (state) throw new OrderRuleError('ALREADY_PLACED', `order ${state.orderId} already exists`);
    checkOrderLines(command.lines);
    return [
      {
        type: 'OrderPlaced',
        at,
        customerId: command.customerId,
        lines: command.lines,
        fromCart: command.fromCart,
      },
    ];
  }
  if (!state) throw new OrderRuleError('NO_SUCH_ORDER', 'the order does not exist');

  switch (command.type) {
    case 'RecordReservation': {
      if (state.step !== 'RESERVING_STOCK') return [];
      const outcome = command.outcome;
      if (outcome.kind === 'reserved')
        return [
          {
            type: 'StockReserved',
            at,
            reservationId: outcome.reservationId,
            expiresAt: outcome.expiresAt,
          },
        ];
      if (outcome.kind === 'out-of-stock')
        return [
          canceled(state, at, {
            reason: 'OUT_OF_STOCK',
            note: null,
            releaseStock: false,
            refundPaymentId: null,
            shortages: outcome.shortages,
          }),
        ];
      // Unavailable: the last attempt may have reserved before its answer was lost, and lapsed:
      // inventory may not have released yet. Release either way (it is idempotent).
      return [
        canceled(state, at, {
          reason: outcome.kind === 'lapsed' ? 'RESERVATION_EXPIRED' : 'RESERVATION_FAILED',
          note: null,
          releaseStock: true,
          refundPaymentId: null,
        }),
      ];
    }

    case 'StartPayment':
      if (state.step === 'CHARGING' && state.charge?.attemptKey === command.attemptKey) return [];
      if (state.status !== 'PENDING' || state.step !== 'AWAITING_PAYMENT')
        throw new OrderRuleError('NOT_PAYABLE', `the order is ${describe(state)}`);
      return [{ type: 'PaymentStarted', at, attemptKey: command.attemptKey }];

    case 'RecordChargeOutcome': {
      if (state.step !== 'CHARGING' || state.charge?.attemptKey !== command.attemptKey) return [];
      const outcome = command.outcome;
      if (outcome.kind === 'succeeded')
        return [{ type: 'PaymentSucceeded', at, paymentId: outcome.paymentId }];
      if (outcome.kind === 'declined')
        return [
          {
            type: 'PaymentDeclined',
            at,
            paymentId: outcome.paymentId,
            declineCode: outcome.declineCode,
          },
        ];
      return [{ type: 'PaymentUnavailable', at }];
    }

    case 'RecordPaymentReport': {
      const report = command.report;
      if (report.kind === 'succeeded') {
        const pendingPayment =
          state.status === 'PENDING' &&
          (state.step === 'CHARGING' || state.step === 'AWAITING_PAYMENT');
        return pendingPayment
          ? [{ type: 'PaymentSucceeded', at, paymentId: report.paymentId }]
          : [];
      }
      // Only a failure of the charge under way counts: an older attempt's failure arriving late
      // (it failed before this charge started) says nothing about this one.
      if (state.step !== 'CHARGING' || !state.charge || report.failedAt < state.charge.startedAt)
        return [];
      if (report.reason === 'DECLINED')
        return [
          {
            type: 'PaymentDeclined',
            at,
            paymentId: report.paymentId,
            declineCode: report.declineCode,
          },
        ];
      return [{ type: 'PaymentUnavailable', at }];
    }

    case 'RecordCommit':
      if (state.step !== 'COMMITTING') return [];
      if (command.outcome === 'committed') return [{ type: 'OrderPaid', at }];
      // The reservation lapsed while the charge ran: give the money back, cancel the order.
      return [
        canceled(state, at, {
          reason: 'RESERVATION_EXPIRED',
          note: null,
          releaseStock: true,
          refundPaymentId: state.payment?.paymentId ?? null,
        }),
      ];

    case 'Cancel':
      return decideCancel(state, command.by, command.note, at);

    case 'ExpireReservation':
      if (state.step !== 'AWAITING_PAYMENT' || !state.reservation) return [];
      if (now.getTime() < Date.parse(state.reservation.expiresAt)) return [];
      return [
        canceled(state, at, {
          reason: 'RESERVATION_EXPIRED',
          note: null,
          releaseStock: true,
          refundPaymentId: null,
        }),
      ];

    case 'RecordStockReleased':
      if (state.step !== 'COMPENSATING' || !state.compensation.releaseStock) return [];
      return [
        { type: 'StockReleased', at },
        ...closeIfSettled(false, state.compensation.refundPaymentId !== null, at),
      ];

    case 'RecordRefund':
      if (state.step !== 'COMPENSATING' || state.compensation.refundPaymentId !== command.paymentId)
        return [];
      return [
        { type: 'PaymentRefunded', at, paymentId: command.paymentId, refundId: command.refundId },
        ...closeIfSettled(state.compensation.releaseStock, false, at),
      ];

    case 'Fulfill':
      if (state.status !== 'PAID')
        throw new OrderRuleError(
          'NOT_FULFILLABLE',
          `the order is ${describe(state)}; only PAID orders can be fulfilled`,
        );
      return [{ type: 'OrderFulfilled', at }];
  }
}

/** decide, then evolve: the events and the state they lead to. */
export function decideAndEvolve(
  state: OrderState | undefined,
  command: OrderCommand,
  now: Date,
  orderId: string,
): { events: OrderEvent[]; state: OrderState | undefined } {
  const events = decide(state, command, now);
  let next = state;
  for (const event of events) next = evolve(next, event, orderId);
  return { events, state: next };
}
