/**
 * The payment service's error catalog (services/payment): every PAYMENT_ERR_* code of
 * contracts/openapi/payment.yaml with its status, title and the problem `type` the contract
 * documents; errors.test.ts keeps the two in step, types included.
 */
import { defineErrors } from '@bazaar/platform/errors/index';

export const paymentErrors = defineErrors({
  PAYMENT_ERR_PAYMENT_NOT_FOUND: { status: 404, title: 'Payment not found' },
  PAYMENT_ERR_DECLINED: { status: 402, title: 'Payment declined', type: 'payment-declined' },
  PAYMENT_ERR_PROVIDER_UNAVAILABLE: {
    status: 503,
    title: 'Payment provider unavailable',
    type: 'payment-provider-unavailable',
  },
  PAYMENT_ERR_ORDER_ALREADY_PAID: { status: 409, title: 'Order already paid' },
  PAYMENT_ERR_NOT_REFUNDABLE: {
    status: 409,
    title: 'Payment cannot be refunded',
    type: 'payment-not-refundable',
  },
  PAYMENT_ERR_REFUND_EXCEEDS_PAYMENT: { status: 422, title: 'Refund exceeds payment' },
  PAYMENT_ERR_CURRENCY_MISMATCH: {
    status: 422,
    title: 'Currency mismatch',
    type: 'payment-currency-mismatch',
  },
});

export type PaymentErrorCode = keyof typeof paymentErrors.entries;
