/**
 * payOrder over HTTP: 200 with the PAID order, 402 ORDERS_ERR_PAYMENT_DECLINED (the failed
 * payment's id and decline code; the order awaits payment again), 503 ORDERS_ERR_PAYMENT_UNAVAILABLE
 * with Retry-After (nothing charged, or the charge's outcome not known yet), 409 when the order is
 * not awaiting payment, 403 for an admin, 404 for anyone but its customer. The Idempotency-Key
 * middleware runs in front (service.ts).
 */
import type { OrdersHandlers } from '@bazaar/generated/http/orders/server';
import { ordersErrors } from '../errors';
import type { PayOrderInput, PayOrderResult } from '../use-cases/pay-order';
import { actorOf } from './actor';
import { ruleProblem } from './order-rule.problem';
import { toOrderBody } from './order.representation';

export interface PayOrderHandlerDeps {
  payOrder: (input: PayOrderInput) => Promise<PayOrderResult>;
  paymentRetryAfterSeconds: number;
}

export function payOrderHandler(deps: PayOrderHandlerDeps): OrdersHandlers['payOrder'] {
  return async function payOrderHandler({ path, body, headers, auth }, reply) {
    let result: PayOrderResult;
    try {
      result = await deps.payOrder({
        actor: actorOf(auth),
        orderId: path.orderId.toLowerCase(),
        idempotencyKey: headers['Idempotency-Key'],
        paymentMethod: { type: body.paymentMethod.type, token: body.paymentMethod.token },
      });
    } catch (error) {
      const rule = ruleProblem(error);
      if (!rule) throw error;
      return reply(409, rule);
    }
    switch (result.kind) {
      case 'not-found':
        return reply(
          404,
          ordersErrors.problem('ORDERS_ERR_ORDER_NOT_FOUND', `order ${path.orderId} not found`),
        );
      case 'forbidden':
        return reply(403, {
          type: 'https://docs.bazaar.dev/problems/forbidden',
          title: 'Forbidden',
          status: 403,
          code: 'FORBIDDEN',
          detail: 'only the customer who placed the order may pay it',
        });
      case 'paid':
        return reply(200, toOrderBody(result.order));
      case 'declined':
        return reply(402, {
          ...ordersErrors.problem(
            'ORDERS_ERR_PAYMENT_DECLINED',
            `the card was declined (${result.declineCode ?? 'no reason given'}); the order still awaits payment`,
          ),
          orderId: result.order.orderId,
          paymentId: result.paymentId,
          declineCode: result.declineCode,
        });
      case 'unavailable':
      case 'pending': {
        const retryAfter =
          result.kind === 'unavailable'
            ? (result.retryAfterSeconds ?? deps.paymentRetryAfterSeconds)
            : deps.paymentRetryAfterSeconds;
        const detail =
          result.kind === 'unavailable'
            ? `the payment provider is not answering; nothing was charged; retry in ${retryAfter} seconds`
            : `the outcome of the charge is not known yet; the order shows step CHARGING until it is; retry in ${retryAfter} seconds with the same Idempotency-Key`;
        return reply(503, ordersErrors.problem('ORDERS_ERR_PAYMENT_UNAVAILABLE', detail), {
          'Retry-After': String(retryAfter),
        });
      }
      case 'not-payable':
        return reply(409, ordersErrors.problem('ORDERS_ERR_NOT_PAYABLE', result.detail));
    }
  };
}
