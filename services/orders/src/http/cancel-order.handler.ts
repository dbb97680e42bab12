/**
 * cancelOrder over HTTP: 200 with the CANCELED order (step COMPENSATING while a release or refund
 * is still under way, CLOSED once done), 403 FORBIDDEN for another customer's order, 403
 * ORDERS_ERR_CANCEL_FORBIDDEN for a customer's own PAID order, 409 ORDERS_ERR_NOT_CANCELABLE for
 * a FULFILLED, CANCELED or charging order, 404 when there is no such order.
 */
import type { OrdersHandlers } from '@bazaar/generated/http/orders/server';
import { OrderRuleError } from '../domain/order-errors';
import { ordersErrors } from '../errors';
import type { cancelOrder } from '../use-cases/cancel-order';
import { actorOf } from './actor';
import { ruleProblem } from './order-rule.problem';
import { toOrderBody } from './order.representation';

type CancelOrder = (input: Parameters<typeof cancelOrder>[1]) => ReturnType<typeof cancelOrder>;

export function cancelOrderHandler(useCase: CancelOrder): OrdersHandlers['cancelOrder'] {
  return async function cancelOrderHandler({ path, body, auth }, reply) {
    try {
      const result = await useCase({
        actor: actorOf(auth),
        orderId: path.orderId.toLowerCase(),
        note: body?.reason ?? null,
      });
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
            detail: 'only the owner of this order may cancel it',
          });
        case 'canceled':
          return reply(200, toOrderBody(result.order));
      }
    } catch (error) {
      const rule = ruleProblem(error);
      if (!rule || !(error instanceof OrderRuleError)) throw error;
      return error.code === 'CANCEL_FORBIDDEN' ? reply(403, rule) : reply(409, rule);
    }
  };
}
