/** getPayment over HTTP (services/payment/src/http): the payment, or 404 to anyone who may not see it. */
import type { PaymentHandlers } from '@bazaar/generated/http/payment/server';
import { paymentErrors } from '../errors';
import type { getPayment } from '../use-cases/get-payment';
import { toPaymentBody } from './payment.representation';

export function getPaymentHandler(
  useCase: ReturnType<typeof getPayment>,
): PaymentHandlers['getPayment'] {
  return async function getPaymentHandler({ path, auth }, reply) {
    const payment = await useCase(path.paymentId, auth);
    if (!payment)
      return reply(
        404,
        paymentErrors.problem('PAYMENT_ERR_PAYMENT_NOT_FOUND', `no payment ${path.paymentId}`),
      );
    return reply(200, toPaymentBody(payment));
  };
}
