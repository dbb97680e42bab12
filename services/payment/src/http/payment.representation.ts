/**
 * Payments and refunds as the contract shows them (contracts/openapi/payment.yaml `Payment`,
 * `Refund`), and the paths they live at (services/payment/src/http): the one mapping from the
 * domain to the wire.
 */
import type { Schemas } from '@bazaar/generated/http/payment/types';
import type { Payment } from '../domain/payment';
import type { Refund } from '../domain/refund';

export function paymentPath(paymentId: string): string {
  return `/api/v1/payments/${paymentId}`;
}

export function refundsPath(paymentId: string): string {
  return `${paymentPath(paymentId)}/refunds`;
}

export function toPaymentBody(payment: Payment): Schemas['Payment'] {
  return {
    id: payment.id,
    orderId: payment.orderId,
    customerId: payment.customerId,
    amount: { amount: payment.amount.amount, currency: payment.amount.currency },
    status: payment.status,
    attempts: payment.attempts,
    failureReason: payment.failureReason,
    declineCode: payment.declineCode,
    refundedAmount: {
      amount: payment.refundedAmount.amount,
      currency: payment.refundedAmount.currency,
    },
    createdAt: payment.createdAt.toISOString(),
    updatedAt: payment.updatedAt.toISOString(),
  };
}

export function toRefundBody(refund: Refund): Schemas['Refund'] {
  return {
    id: refund.id,
    paymentId: refund.paymentId,
    amount: { amount: refund.amount.amount, currency: refund.amount.currency },
    reason: refund.reason,
    createdAt: refund.createdAt.toISOString(),
  };
}
