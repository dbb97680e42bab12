/**
 * refundPayment over HTTP (services/payment/src/http): 201 with the refund, 404, 409 (not
 * refundable), 422 (more than what is left, or another currency) or 503 with Retry-After.
 */
import type { PaymentHandlers } from '@bazaar/generated/http/payment/server';
import { money } from '../domain/money';
import { paymentErrors } from '../errors';
import { providerIdempotencyKey } from '../use-cases/provider-idempotency-key';
import type { RefundRefusal } from '../domain/refund';
import type { refundPayment } from '../use-cases/refund-payment';
import { refundsPath, toRefundBody } from './payment.representation';

export function refundPaymentHandler(
  useCase: ReturnType<typeof refundPayment>,
): PaymentHandlers['refundPayment'] {
  return async function refundPaymentHandler({ path, body, headers, auth }, reply) {
    const result = await useCase({
      paymentId: path.paymentId,
      amount: body.amount ? money(body.amount.amount, body.amount.currency) : undefined,
      reason: body.reason,
      providerKey: providerIdempotencyKey({
        operation: 'refund',
        caller: auth.userId,
        idempotencyKey: headers['Idempotency-Key'],
        request: { paymentId: path.paymentId, body },
      }),
    });
    switch (result.kind) {
      case 'refunded':
        return reply(201, toRefundBody(result.refund), { Location: refundsPath(path.paymentId) });
      case 'not-found':
        return reply(
          404,
          paymentErrors.problem('PAYMENT_ERR_PAYMENT_NOT_FOUND', `no payment ${path.paymentId}`),
        );
      case 'refused':
        return refusalReply(result.refusal, reply);
      case 'provider-refused':
        return reply(
          409,
          paymentErrors.problem(
            'PAYMENT_ERR_NOT_REFUNDABLE',
            `the payment provider refused the refund: ${result.message}`,
          ),
        );
      case 'unavailable':
        return reply(
          503,
          paymentErrors.problem(
            'PAYMENT_ERR_PROVIDER_UNAVAILABLE',
            `the refund was not made; retry in ${result.retryAfterSeconds} seconds`,
          ),
          { 'Retry-After': String(result.retryAfterSeconds) },
        );
    }
  };
}

type RefundReply = Parameters<PaymentHandlers['refundPayment']>[1];

function refusalReply(refusal: RefundRefusal, reply: RefundReply) {
  switch (refusal.kind) {
    case 'not-refundable':
      return reply(
        409,
        paymentErrors.problem('PAYMENT_ERR_NOT_REFUNDABLE', `the payment is ${refusal.status}`),
      );
    case 'currency-mismatch':
      return reply(
        422,
        paymentErrors.problem(
          'PAYMENT_ERR_CURRENCY_MISMATCH',
          `the payment is in ${refusal.paymentCurrency}`,
        ),
      );
    case 'exceeds-remaining':
      return reply(
        422,
        paymentErrors.problem(
          'PAYMENT_ERR_REFUND_EXCEEDS_PAYMENT',
          `at most ${refusal.remaining.amount} ${refusal.remaining.currency} minor units are left to refund`,
        ),
      );
  }
}
