/** getOrder over HTTP: 200 with the order as it is now; 404 for an unknown order or someone else's. */
import type { OrdersHandlers } from '@bazaar/generated/http/orders/server';
import type { Actor } from '../domain/order-access';
import type { OrderState } from '../domain/order-state';
import { ordersErrors } from '../errors';
import { actorOf } from './actor';
import { toOrderBody } from './order.representation';

type GetOrder = (actor: Actor, orderId: string) => Promise<OrderState | undefined>;

export function getOrderHandler(useCase: GetOrder): OrdersHandlers['getOrder'] {
  return async function getOrderHandler({ path, auth }, reply) {
    const order = await useCase(actorOf(auth), path.orderId.toLowerCase());
    if (!order)
      return reply(
        404,
        ordersErrors.problem('ORDERS_ERR_ORDER_NOT_FOUND', `order ${path.orderId} not found`),
      );
    return reply(200, toOrderBody(order));
  };
}
