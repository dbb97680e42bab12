import { money } from './money';
import { applyRefund, settleCharge } from './payment';
import { planRefund } from './refund';

const at = new Date('2030-01-01T00:00:00Z');
const paid = settleCharge(
  { id: 'p', orderId: 'o', customerId: 'c', amount: money(2598, 'USD') },
  { kind: 'approved', providerChargeId: 'ch_1', attempts: 1 },
  at,
);

describe('planning a refund', () => {
  it('refunds everything not refunded yet when no amount is given', () => {
    const partly = applyRefund(paid, money(1000, 'USD'), at);
    expect(planRefund(partly)).toEqual({ ok: true, amount: { amount: 1598, currency: 'USD' } });
  });

  it('accepts a partial amount up to what is left', () => {
    expect(planRefund(paid, money(2598, 'USD'))).toEqual({ ok: true, amount: money(2598, 'USD') });
  });

  it('refuses more than what is left, saying how much is left', () => {
    const partly = applyRefund(paid, money(1299, 'USD'), at);
    expect(planRefund(partly, money(1300, 'USD'))).toEqual({
      ok: false,
      refusal: { kind: 'exceeds-remaining', remaining: money(1299, 'USD') },
    });
  });

  it('refuses another currency than the payment', () => {
    expect(planRefund(paid, money(100, 'EUR'))).toEqual({
      ok: false,
      refusal: { kind: 'currency-mismatch', paymentCurrency: 'USD' },
    });
  });

  it('refuses a FAILED or fully REFUNDED payment as not refundable', () => {
    const failed = settleCharge(
      { id: 'f', orderId: 'o', customerId: 'c', amount: money(100, 'USD') },
      { kind: 'unavailable', attempts: 5 },
      at,
    );
    const refunded = applyRefund(paid, money(2598, 'USD'), at);
    expect(planRefund(failed)).toEqual({
      ok: false,
      refusal: { kind: 'not-refundable', status: 'FAILED' },
    });
    expect(planRefund(refunded, money(1, 'USD'))).toEqual({
      ok: false,
      refusal: { kind: 'not-refundable', status: 'REFUNDED' },
    });
  });
});
