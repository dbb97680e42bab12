/**
 * Refunds in the payment domain (services/payment/src/domain): what a refund is, and the decision
 * whether a requested refund may be made against a payment, with the reason when it may not
 * (not refundable, another currency, more than what is left).
 */
import { type Money } from './money';
import { isRefundable, remainingToRefund, type Payment, type PaymentStatus } from './payment';

export type RefundReason = 'ORDER_CANCELED' | 'CUSTOMER_REQUEST' | 'OTHER';

export interface Refund {
  readonly id: string;
  readonly paymentId: string;
  readonly amount: Money;
  readonly reason: RefundReason;
  /** The provider's id of the refund. */
  readonly providerRefundId: string;
  readonly createdAt: Date;
}

export type RefundRefusal =
  | { kind: 'not-refundable'; status: PaymentStatus }
  | { kind: 'currency-mismatch'; paymentCurrency: string }
  | { kind: 'exceeds-remaining'; remaining: Money };

export type RefundPlan = { ok: true; amount: Money } | { ok: false; refusal: RefundRefusal };

/**
 * Decides the amount of a refund of `payment`: `requested`, or by default everything not refunded
 * yet. Refuses a payment that is FAILED or already REFUNDED, another currency, or more than is left.
 */
export function planRefund(payment: Payment, requested?: Money): RefundPlan {
  if (!isRefundable(payment))
    return { ok: false, refusal: { kind: 'not-refundable', status: payment.status } };
  const remaining = remainingToRefund(payment);
  if (requested === undefined) return { ok: true, amount: remaining };
  if (requested.currency !== payment.amount.currency)
    return {
      ok: false,
      refusal: { kind: 'currency-mismatch', paymentCurrency: payment.amount.currency },
    };
  if (requested.amount > remaining.amount)
    return { ok: false, refusal: { kind: 'exceeds-remaining', remaining } };
  return { ok: true, amount: requested };
}
