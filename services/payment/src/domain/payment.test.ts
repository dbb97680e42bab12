import { money } from './money';
import {
  applyRefund,
  isRefundable,
  remainingToRefund,
  settleCharge,
  type Payment,
} from './payment';

const at = new Date('2030-01-01T00:00:00Z');
const later = new Date('2030-01-02T00:00:00Z');
const request = {
  id: 'pay-1',
  orderId: 'order-1',
  customerId: 'customer-1',
  amount: money(2598, 'USD'),
};

function succeeded(): Payment {
  return settleCharge(request, { kind: 'approved', providerChargeId: 'ch_1', attempts: 2 }, at);
}

describe('settling a charge', () => {
  it('records an approved charge as SUCCEEDED with its attempts and nothing refunded', () => {
    expect(succeeded()).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 2,
      failureReason: null,
      declineCode: null,
      providerChargeId: 'ch_1',
      refundedAmount: { amount: 0, currency: 'USD' },
    });
  });

  it('records a decline as FAILED with reason DECLINED and the decline code', () => {
    const payment = settleCharge(
      request,
      { kind: 'declined', declineCode: 'card_declined', attempts: 1 },
      at,
    );
    expect(payment).toMatchObject({
      status: 'FAILED',
      failureReason: 'DECLINED',
      declineCode: 'card_declined',
    });
  });

  it('records an unreachable provider as FAILED with reason PROVIDER_UNAVAILABLE, possibly after 0 attempts', () => {
    const payment = settleCharge(request, { kind: 'unavailable', attempts: 0 }, at);
    expect(payment).toMatchObject({
      status: 'FAILED',
      failureReason: 'PROVIDER_UNAVAILABLE',
      attempts: 0,
    });
  });

  it('refuses more than 5 attempts', () => {
    expect(() => settleCharge(request, { kind: 'unavailable', attempts: 6 }, at)).toThrow(/0 to 5/);
  });

  it('refuses an approval that took no attempt', () => {
    expect(() =>
      settleCharge(request, { kind: 'approved', providerChargeId: 'ch', attempts: 0 }, at),
    ).toThrow(/at least one attempt/);
  });
});

describe('refunding a payment', () => {
  it('moves SUCCEEDED to PARTIALLY_REFUNDED after part is given back', () => {
    const payment = applyRefund(succeeded(), money(1000, 'USD'), later);
    expect(payment).toMatchObject({
      status: 'PARTIALLY_REFUNDED',
      refundedAmount: { amount: 1000 },
    });
    expect(payment.updatedAt).toEqual(later);
    expect(remainingToRefund(payment)).toEqual({ amount: 1598, currency: 'USD' });
  });

  it('moves to REFUNDED once everything is given back, in one or several refunds', () => {
    const once = applyRefund(succeeded(), money(2598, 'USD'), later);
    const twice = applyRefund(
      applyRefund(succeeded(), money(598, 'USD'), later),
      money(2000, 'USD'),
      later,
    );
    expect(once.status).toBe('REFUNDED');
    expect(twice.status).toBe('REFUNDED');
    expect(isRefundable(twice)).toBe(false);
  });

  it('never gives back more than was paid', () => {
    const partly = applyRefund(succeeded(), money(2000, 'USD'), later);
    expect(() => applyRefund(partly, money(599, 'USD'), later)).toThrow(/at most 598/);
  });

  it('cannot refund a FAILED payment', () => {
    const failed = settleCharge(
      request,
      { kind: 'declined', declineCode: 'card_declined', attempts: 1 },
      at,
    );
    expect(remainingToRefund(failed)).toEqual({ amount: 0, currency: 'USD' });
    expect(() => applyRefund(failed, money(1, 'USD'), later)).toThrow(
      /FAILED payment cannot be refunded/,
    );
  });

  it('cannot refund a REFUNDED payment again', () => {
    const refunded = applyRefund(succeeded(), money(2598, 'USD'), later);
    expect(() => applyRefund(refunded, money(1, 'USD'), later)).toThrow(/REFUNDED payment/);
  });

  it('refuses a refund in another currency or of zero', () => {
    expect(() => applyRefund(succeeded(), money(1, 'EUR'), later)).toThrow(/in USD/);
    expect(() => applyRefund(succeeded(), money(0, 'USD'), later)).toThrow(/more than zero/);
  });
});
