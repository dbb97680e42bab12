/**
 * The payment API's operations (services/payment/src/http): operationId → handler, the only list,
 * typed by the generated PaymentHandlers so a new contract operation fails to compile until it
 * is handled.
 */
import type { PaymentHandlers } from '@bazaar/generated/http/payment/server';
import type { createPayment } from '../use-cases/create-payment';
import type { getPayment } from '../use-cases/get-payment';
import type { listRefunds } from '../use-cases/list-refunds';
import type { refundPayment } from '../use-cases/refund-payment';
import { createPaymentHandler } from './create-payment.handler';
import { getPaymentHandler } from './get-payment.handler';
import { listRefundsHandler } from './list-refunds.handler';
import { refundPaymentHandler } from './refund-payment.handler';

export interface PaymentUseCases {
  createPayment: ReturnType<typeof createPayment>;
  getPayment: ReturnType<typeof getPayment>;
  refundPayment: ReturnType<typeof refundPayment>;
  listRefunds: ReturnType<typeof listRefunds>;
}

export function paymentHandlers(useCases: PaymentUseCases): PaymentHandlers {
  return {
    createPayment: createPaymentHandler(useCases.createPayment),
    getPayment: getPaymentHandler(useCases.getPayment),
    refundPayment: refundPaymentHandler(useCases.refundPayment),
    listRefunds: listRefundsHandler(useCases.listRefunds),
  };
}
