/** listRefunds over HTTP (services/payment/src/http): one page of refunds, or 404 to anyone who may not see the payment. */
import type { PaymentHandlers } from '@bazaar/generated/http/payment/server';
import { paymentErrors } from '../errors';
import type { listRefunds } from '../use-cases/list-refunds';
import { toRefundBody } from './payment.representation';

export function listRefundsHandler(
  useCase: ReturnType<typeof listRefunds>,
): PaymentHandlers['listRefunds'] {
  return async function listRefundsHandler({ path, query, auth }, reply) {
    const page = await useCase(path.paymentId, auth, {
      number: query.page ?? 1,
      size: query.pageSize ?? 20,
    });
    if (!page)
      return reply(
        404,
        paymentErrors.problem('PAYMENT_ERR_PAYMENT_NOT_FOUND', `no payment ${path.paymentId}`),
      );
    return reply(200, { items: page.items.map(toRefundBody), page: page.page });
  };
}
