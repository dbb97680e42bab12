/** fulfillOrder over HTTP (admin only, checked by the binding): 200 FULFILLED, 409 not PAID, 404. */
import type { OrdersHandlers } from '@bazaar/generated/http/orders/server';
import { ordersErrors } from '../errors';
import type { fulfillOrder } from '../use-cases/fulfill-order';
import { ruleProblem } from './order-rule.problem';
import { toOrderBody } from './order.representation';

type FulfillOrder = (orderId: string) => ReturnType<typeof fulfillOrder>;

export function fulfillOrderHandler(useCase: FulfillOrder): OrdersHandlers['fulfillOrder'] {
  return async function fulfillOrderHandler({ path }, reply) {
    try {
      const result = await useCase(path.orderId.toLowerCase());
      if (result.kind === 'not-found')
        return reply(
          404,
          ordersErrors.problem('ORDERS_ERR_ORDER_NOT_FOUND', `order ${path.orderId} not found`),
        );
      return reply(200, toOrderBody(result.order));
    } catch (error) {
      const rule = ruleProblem(error);
      if (!rule) throw error;
      return reply(409, rule);
    }
  };
}
