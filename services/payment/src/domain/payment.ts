/**
 * The Payment aggregate (services/payment/src/domain): one charge of an order, recorded whatever
 * the provider said, and the refunds that move it from SUCCEEDED through PARTIALLY_REFUNDED to
 * REFUNDED. FAILED is final. The status transitions and the "never refund more than was paid"
 * rule live here and nowhere else.
 */
import { add, money, subtract, zero, type Money } from './money';

export type PaymentStatus = 'SUCCEEDED' | 'FAILED' | 'PARTIALLY_REFUNDED' | 'REFUNDED';
export type FailureReason = 'DECLINED' | 'PROVIDER_UNAVAILABLE';

export interface Payment {
  readonly id: string;
  readonly orderId: string;
  readonly customerId: string;
  readonly amount: Money;
  readonly status: PaymentStatus;
  /** Calls made to the provider for the charge (0 when the circuit breaker was open). */
  readonly attempts: number;
  readonly failureReason: FailureReason | null;
  readonly declineCode: string | null;
  readonly refundedAmount: Money;
  /** The provider's id of the approved charge; null for a FAILED payment. */
  readonly providerChargeId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What the provider said about a charge after every retry. */
export type ChargeOutcome =
  | { kind: 'approved'; providerChargeId: string; attempts: number }
  | { kind: 'declined'; declineCode: string; attempts: number }
  | { kind: 'unavailable'; attempts: number };

export interface ChargeRequest {
  id: string;
  orderId: string;
  customerId: string;
  amount: Money;
}

/** Raised when a change would break the payment's rules; use-cases check first with planRefund. */
export class PaymentRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentRuleError';
  }
}

/** The payment recorded for `request` once the provider's `outcome` is known. */
export function settleCharge(request: ChargeRequest, outcome: ChargeOutcome, at: Date): Payment {
  if (request.amount.amount < 1) throw new PaymentRuleError('a payment must be for more than zero');
  if (!Number.isInteger(outcome.attempts) || outcome.attempts < 0 || outcome.attempts > 5)
    throw new PaymentRuleError(`attempts must be 0 to 5, got ${outcome.attempts}`);
  if (outcome.kind === 'approved' && outcome.attempts < 1)
    throw new PaymentRuleError('an approved charge took at least one attempt');
  const common = {
    ...request,
    attempts: outcome.attempts,
    refundedAmount: zero(request.amount.currency),
    createdAt: at,
    updatedAt: at,
  };
  switch (outcome.kind) {
    case 'approved':
      return {
        ...common,
        status: 'SUCCEEDED',
        failureReason: null,
        declineCode: null,
        providerChargeId: outcome.providerChargeId,
      };
    case 'declined':
      return {
        ...common,
        status: 'FAILED',
        failureReason: 'DECLINED',
        declineCode: outcome.declineCode,
        providerChargeId: null,
      };
    case 'unavailable':
      return {
        ...common,
        status: 'FAILED',
        failureReason: 'PROVIDER_UNAVAILABLE',
        declineCode: null,
        providerChargeId: null,
      };
  }
}

/** Whether money was taken (whatever has been refunded since). */
export function wasCharged(payment: Payment): boolean {
  return payment.status !== 'FAILED';
}

/** Whether a refund can still be made. */
export function isRefundable(payment: Payment): boolean {
  return payment.status === 'SUCCEEDED' || payment.status === 'PARTIALLY_REFUNDED';
}

export function remainingToRefund(payment: Payment): Money {
  if (!wasCharged(payment)) return zero(payment.amount.currency);
  return subtract(payment.amount, payment.refundedAmount);
}

/**
 * The payment after `amount` was given back: PARTIALLY_REFUNDED, or REFUNDED when nothing is left.
 * @throws PaymentRuleError when the payment is not refundable or the amount is wrong.
 */
export function applyRefund(payment: Payment, amount: Money, at: Date): Payment {
  if (!isRefundable(payment))
    throw new PaymentRuleError(`a ${payment.status} payment cannot be refunded`);
  if (amount.currency !== payment.amount.currency)
    throw new PaymentRuleError(
      `the payment is in ${payment.amount.currency}, not ${amount.currency}`,
    );
  if (amount.amount < 1) throw new PaymentRuleError('a refund must be for more than zero');
  const left = remainingToRefund(payment);
  if (amount.amount > left.amount)
    throw new PaymentRuleError(
      `at most ${left.amount} ${left.currency} minor units are left to refund`,
    );
  const refundedAmount = add(payment.refundedAmount, money(amount.amount, amount.currency));
  return {
    ...payment,
    refundedAmount,
    status: refundedAmount.amount === payment.amount.amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED',
    updatedAt: at,
  };
}
