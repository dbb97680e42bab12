/**
 * createPayment over HTTP (services/payment/src/http): the contract's request in, the use case's
 * outcome out as 201 (charged), 402 (declined, with the FAILED payment's id), 503 with
 * Retry-After (provider unavailable or circuit open) or 409 (order already paid).
 */
import type { PaymentHandlers } from '@bazaar/generated/http/payment/server';
import { money } from '../domain/money';
import { paymentErrors } from '../errors';
import type { createPayment } from '../use-cases/create-payment';
import { providerIdempotencyKey } from '../use-cases/provider-idempotency-key';
import { paymentPath, toPaymentBody } from './payment.representation';

export function createPaymentHandler(
  useCase: ReturnType<typeof createPayment>,
): PaymentHandlers['createPayment'] {
  return async function createPaymentHandler({ body, headers, auth }, reply) {
    const result = await useCase({
      orderId: body.orderId,
      customerId: body.customerId,
      amount: money(body.amount.amount, body.amount.currency),
      token: body.paymentMethod.token,
      providerKey: providerIdempotencyKey({
        operation: 'charge',
        caller: auth.userId,
        idempotencyKey: headers['Idempotency-Key'],
        request: body,
      }),
    });
    const { payment } = result;
    switch (result.kind) {
      case 'charged':
        return reply(201, toPaymentBody(payment), { Location: paymentPath(payment.id) });
      case 'declined':
        return reply(402, {
          ...paymentErrors.problem(
            'PAYMENT_ERR_DECLINED',
            `the card was declined (${payment.declineCode ?? 'no reason given'})`,
          ),
          paymentId: payment.id,
          declineCode: payment.declineCode,
        });
      case 'unavailable':
        return reply(
          503,
          {
            ...paymentErrors.problem(
              'PAYMENT_ERR_PROVIDER_UNAVAILABLE',
              payment.attempts === 0
                ? `the payment provider is not being called; retry in ${result.retryAfterSeconds} seconds`
                : `the payment provider did not answer after ${payment.attempts} attempts; retry in ${result.retryAfterSeconds} seconds`,
            ),
            paymentId: payment.id,
          },
          { 'Retry-After': String(result.retryAfterSeconds) },
        );
      case 'already-paid':
        return reply(
          409,
          paymentErrors.problem(
            'PAYMENT_ERR_ORDER_ALREADY_PAID',
            `order ${payment.orderId} already has a succeeded payment (${payment.id})`,
          ),
        );
    }
  };
}
