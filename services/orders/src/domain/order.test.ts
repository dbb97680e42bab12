import { decide, evolve, replayOrder } from './order';
import type { OrderCommand } from './order-commands';
import { OrderRuleError } from './order-errors';
import { OrderHistoryError } from './order-state';
import {
  CUSTOMER_ID,
  ORDER_ID,
  at,
  awaitingPayment,
  chargeSucceeded,
  commit,
  history,
  line,
  paid,
  place,
  reserve,
  startPayment,
} from './order.test-builders';

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof OrderRuleError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an OrderRuleError');
}

const types = (commands: OrderCommand[]) => history(commands).events.map((e) => e.type);

describe('placing an order', () => {
  it('makes a PENDING order reserving stock, with the catalog snapshot and its total', () => {
    const { state } = history([place]);
    expect(state).toMatchObject({
      orderId: ORDER_ID,
      version: 1,
      customerId: CUSTOMER_ID,
      status: 'PENDING',
      step: 'RESERVING_STOCK',
      total: { amount: 2598, currency: 'USD' },
      lines: [line()],
      reservation: null,
      payment: null,
    });
  });

  it('refuses to place an order that exists', () => {
    expect(refusal(() => decide(awaitingPayment(), place, at(1))).code).toBe('ALREADY_PLACED');
  });

  it('refuses every command on an order that does not exist', () => {
    expect(refusal(() => decide(undefined, { type: 'Fulfill' }, at(0))).code).toBe('NO_SUCH_ORDER');
  });
});

describe('reserving stock', () => {
  it('moves a reserved order to AWAITING_PAYMENT with the reservation expiry', () => {
    const state = awaitingPayment();
    expect(state.step).toBe('AWAITING_PAYMENT');
    expect(state.reservation?.expiresAt).toBe(at(900).toISOString());
  });

  it('cancels an order that is out of stock with nothing to release and the shortages kept', () => {
    const shortages = [{ productId: line().productId, requested: 2, available: 1 }];
    const { state } = history([
      place,
      { type: 'RecordReservation', outcome: { kind: 'out-of-stock', shortages } },
    ]);
    expect(state).toMatchObject({ status: 'CANCELED', step: 'CLOSED' });
    expect(state.cancellation).toMatchObject({
      reason: 'OUT_OF_STOCK',
      shortages,
      refunded: false,
    });
    expect(state.compensation).toEqual({ releaseStock: false, refundPaymentId: null });
  });

  it('cancels an order whose reservation failed and still releases, in case the last try reserved', () => {
    const { state } = history([
      place,
      { type: 'RecordReservation', outcome: { kind: 'unavailable' } },
    ]);
    expect(state).toMatchObject({ status: 'CANCELED', step: 'COMPENSATING' });
    expect(state.cancellation?.reason).toBe('RESERVATION_FAILED');
    expect(state.compensation.releaseStock).toBe(true);
  });

  it('records a reservation outcome only once', () => {
    expect(decide(awaitingPayment(), reserve, at(5))).toEqual([]);
  });
});

describe('paying', () => {
  it('starts a charge only while awaiting payment', () => {
    const { state } = history([place, reserve, startPayment]);
    expect(state.step).toBe('CHARGING');
    expect(state.charge?.attemptKey).toBe('key-1');
    expect(refusal(() => decide(history([place]).state, startPayment, at(1))).message).toMatch(
      /stock is being reserved/,
    );
  });

  it('lets the same charge resume, but refuses a second charge while one runs', () => {
    const charging = history([place, reserve, startPayment]).state;
    expect(decide(charging, startPayment, at(4))).toEqual([]);
    const other = { type: 'StartPayment', attemptKey: 'key-2' } as const;
    expect(refusal(() => decide(charging, other, at(4))).code).toBe('NOT_PAYABLE');
  });

  it('goes back to AWAITING_PAYMENT after a decline, recording the failed payment', () => {
    const { state } = history([
      place,
      reserve,
      startPayment,
      {
        type: 'RecordChargeOutcome',
        attemptKey: 'key-1',
        outcome: { kind: 'declined', paymentId: 'p-declined', declineCode: 'card_declined' },
      },
    ]);
    expect(state.step).toBe('AWAITING_PAYMENT');
    expect(state.payment).toMatchObject({
      paymentId: 'p-declined',
      status: 'FAILED',
      paidAt: null,
    });
    expect(decide(state, { type: 'StartPayment', attemptKey: 'key-2' }, at(9))).toHaveLength(1);
  });

  it('goes back to AWAITING_PAYMENT when the provider is unavailable, with no payment recorded', () => {
    const { state } = history([
      place,
      reserve,
      startPayment,
      { type: 'RecordChargeOutcome', attemptKey: 'key-1', outcome: { kind: 'unavailable' } },
    ]);
    expect(state).toMatchObject({ step: 'AWAITING_PAYMENT', payment: null, charge: null });
  });

  it('ignores the outcome of a charge that is not the one under way', () => {
    const charging = history([place, reserve, startPayment]).state;
    const stale = { ...chargeSucceeded, attemptKey: 'key-0' } as OrderCommand;
    expect(decide(charging, stale, at(5))).toEqual([]);
  });

  it('commits after a successful charge: the order is PAID and holds no reservation', () => {
    const state = paid();
    expect(state).toMatchObject({ status: 'PAID', step: 'COMPLETED', reservation: null });
    expect(state.payment).toMatchObject({
      status: 'SUCCEEDED',
      paymentId: '2b7d9f1e-4c6a-4e8b-9d0f-1a2b3c4d5e6f',
    });
  });

  it('shows COMMITTING between the charge and the commit, and refuses a cancel then', () => {
    const committing = history([place, reserve, startPayment, chargeSucceeded]).state;
    expect(committing.step).toBe('COMMITTING');
    expect(
      refusal(() => decide(committing, { type: 'Cancel', by: 'customer', note: null }, at(6)))
        .message,
    ).toMatch(/being charged/);
  });

  it('refunds and cancels when the reservation lapsed before the commit', () => {
    const { state } = history([
      place,
      reserve,
      startPayment,
      chargeSucceeded,
      { type: 'RecordCommit', outcome: 'lapsed' },
    ]);
    expect(state).toMatchObject({ status: 'CANCELED', step: 'COMPENSATING' });
    expect(state.cancellation).toMatchObject({
      reason: 'RESERVATION_EXPIRED',
      previousStatus: 'PENDING',
    });
    expect(state.compensation).toEqual({
      releaseStock: true,
      refundPaymentId: '2b7d9f1e-4c6a-4e8b-9d0f-1a2b3c4d5e6f',
    });
  });
});

describe('payment reports from events', () => {
  const charging = () => history([place, reserve, startPayment]).state;

  it('completes a charge whose answer was lost when payment reports success', () => {
    const events = decide(
      charging(),
      { type: 'RecordPaymentReport', report: { kind: 'succeeded', paymentId: 'p-1' } },
      at(10),
    );
    expect(events).toEqual([
      { type: 'PaymentSucceeded', at: at(10).toISOString(), paymentId: 'p-1' },
    ]);
  });

  it('ignores a success report once the payment is recorded', () => {
    const committing = history([place, reserve, startPayment, chargeSucceeded]).state;
    const report = {
      kind: 'succeeded',
      paymentId: '2b7d9f1e-4c6a-4e8b-9d0f-1a2b3c4d5e6f',
    } as const;
    expect(decide(committing, { type: 'RecordPaymentReport', report }, at(10))).toEqual([]);
  });

  it('records a decline reported after the charge started', () => {
    const report = {
      kind: 'failed',
      paymentId: 'p-2',
      reason: 'DECLINED',
      declineCode: 'card_declined',
      failedAt: at(3).toISOString(),
    } as const;
    expect(
      decide(charging(), { type: 'RecordPaymentReport', report }, at(4)).map((e) => e.type),
    ).toEqual(['PaymentDeclined']);
  });

  it('ignores a failure of an older attempt that ended before this charge started', () => {
    const report = {
      kind: 'failed',
      paymentId: 'p-old',
      reason: 'PROVIDER_UNAVAILABLE',
      declineCode: null,
      failedAt: at(1).toISOString(),
    } as const;
    expect(decide(charging(), { type: 'RecordPaymentReport', report }, at(4))).toEqual([]);
  });
});

describe('canceling', () => {
  it('lets the customer cancel a PENDING order awaiting payment, releasing its stock', () => {
    const { state } = history([
      place,
      reserve,
      { type: 'Cancel', by: 'customer', note: 'wrong colour' },
    ]);
    expect(state).toMatchObject({ status: 'CANCELED', step: 'COMPENSATING', reservation: null });
    expect(state.cancellation).toMatchObject({ reason: 'CUSTOMER_REQUEST', note: 'wrong colour' });
    expect(state.compensation).toEqual({ releaseStock: true, refundPaymentId: null });
  });

  it('refuses a customer canceling a PAID order', () => {
    expect(
      refusal(() => decide(paid(), { type: 'Cancel', by: 'customer', note: null }, at(9))).code,
    ).toBe('CANCEL_FORBIDDEN');
  });

  it('lets an admin cancel a PAID order, owing a refund and a release', () => {
    const [event] = decide(paid(), { type: 'Cancel', by: 'admin', note: null }, at(9));
    expect(event).toMatchObject({
      type: 'OrderCanceled',
      reason: 'ADMIN',
      previousStatus: 'PAID',
      releaseStock: true,
      refundPaymentId: '2b7d9f1e-4c6a-4e8b-9d0f-1a2b3c4d5e6f',
    });
  });

  it('refuses to cancel while stock is being reserved', () => {
    expect(
      refusal(() =>
        decide(history([place]).state, { type: 'Cancel', by: 'customer', note: null }, at(1)),
      ).code,
    ).toBe('NOT_CANCELABLE');
  });

  it('refuses to cancel a FULFILLED or CANCELED order', () => {
    const fulfilled = history([
      place,
      reserve,
      startPayment,
      chargeSucceeded,
      commit,
      { type: 'Fulfill' },
    ]).state;
    expect(
      refusal(() => decide(fulfilled, { type: 'Cancel', by: 'admin', note: null }, at(9))).message,
    ).toBe('the order is FULFILLED');
    const canceled = history([
      place,
      reserve,
      { type: 'Cancel', by: 'customer', note: null },
    ]).state;
    expect(
      refusal(() => decide(canceled, { type: 'Cancel', by: 'customer', note: null }, at(9))).code,
    ).toBe('NOT_CANCELABLE');
  });
});

describe('compensating', () => {
  const adminCanceled = () =>
    history([
      place,
      reserve,
      startPayment,
      chargeSucceeded,
      commit,
      { type: 'Cancel', by: 'admin', note: null },
    ]);

  it('closes the saga only when the release and the refund are both done', () => {
    const { state } = adminCanceled();
    const released = decide(state, { type: 'RecordStockReleased' }, at(10));
    expect(released.map((e) => e.type)).toEqual(['StockReleased']);
    const afterRelease = released.reduce((s, e) => evolve(s, e), state);
    const refunded = decide(
      afterRelease,
      { type: 'RecordRefund', paymentId: '2b7d9f1e-4c6a-4e8b-9d0f-1a2b3c4d5e6f', refundId: 'r-1' },
      at(11),
    );
    expect(refunded.map((e) => e.type)).toEqual(['PaymentRefunded', 'CompensationCompleted']);
    const closed = refunded.reduce((s, e) => evolve(s, e), afterRelease);
    expect(closed).toMatchObject({ status: 'CANCELED', step: 'CLOSED' });
    expect(closed.cancellation?.refunded).toBe(true);
    expect(closed.payment?.status).toBe('REFUNDED');
  });

  it('records a release only once', () => {
    const { state } = history([
      place,
      reserve,
      { type: 'Cancel', by: 'customer', note: null },
      { type: 'RecordStockReleased' },
    ]);
    expect(state.step).toBe('CLOSED');
    expect(decide(state, { type: 'RecordStockReleased' }, at(20))).toEqual([]);
  });

  it('ignores a refund of another payment', () => {
    const { state } = adminCanceled();
    expect(
      decide(state, { type: 'RecordRefund', paymentId: 'other', refundId: null }, at(10)),
    ).toEqual([]);
  });
});

describe('reservation expiry', () => {
  it('does nothing before the reservation expires', () => {
    expect(decide(awaitingPayment(), { type: 'ExpireReservation' }, at(899))).toEqual([]);
  });

  it('cancels an unpaid order at its reservation expiry, releasing the stock', () => {
    const [event] = decide(awaitingPayment(), { type: 'ExpireReservation' }, at(900));
    expect(event).toMatchObject({
      type: 'OrderCanceled',
      reason: 'RESERVATION_EXPIRED',
      releaseStock: true,
    });
  });

  it('leaves an order being charged to its charge', () => {
    expect(
      decide(
        history([place, reserve, startPayment]).state,
        { type: 'ExpireReservation' },
        at(1000),
      ),
    ).toEqual([]);
  });
});

describe('fulfilling', () => {
  it('fulfils a PAID order', () => {
    expect(
      types([place, reserve, startPayment, chargeSucceeded, commit, { type: 'Fulfill' }]).at(-1),
    ).toBe('OrderFulfilled');
  });

  it('refuses to fulfil an order that is not PAID', () => {
    expect(refusal(() => decide(awaitingPayment(), { type: 'Fulfill' }, at(3))).message).toBe(
      'the order is PENDING; only PAID orders can be fulfilled',
    );
  });
});

describe('history', () => {
  it('rebuilds the same state from the stored events', () => {
    const { state, events } = history([place, reserve, startPayment, chargeSucceeded, commit]);
    expect(replayOrder(ORDER_ID, events)).toEqual(state);
    expect(state.version).toBe(events.length);
  });

  it('refuses a history that does not start with OrderPlaced', () => {
    expect(() => evolve(undefined, { type: 'OrderPaid', at: at(0).toISOString() })).toThrow(
      OrderHistoryError,
    );
  });
});
