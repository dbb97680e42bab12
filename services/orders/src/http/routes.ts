/**
 * The orders API's operations (services/orders/src/http): operationId → handler, the only list,
 * typed by the generated OrdersHandlers so a new contract operation fails to compile until it is
 * handled.
 */
import type { OrdersHandlers } from '@bazaar/generated/http/orders/server';
import type { OrdersConfig } from '../config';
import { cancelOrder } from '../use-cases/cancel-order';
import { fulfillOrder } from '../use-cases/fulfill-order';
import { getOrder } from '../use-cases/get-order';
import { listMyOrders } from '../use-cases/list-my-orders';
import { payOrder } from '../use-cases/pay-order';
import { placeOrder } from '../use-cases/place-order';
import type { UseCaseDeps } from '../use-cases/use-case-deps';
import { cancelOrderHandler } from './cancel-order.handler';
import { fulfillOrderHandler } from './fulfill-order.handler';
import { getOrderHandler } from './get-order.handler';
import { listMyOrdersHandler } from './list-my-orders.handler';
import { payOrderHandler } from './pay-order.handler';
import { placeOrderHandler } from './place-order.handler';

export function ordersRoutes(
  deps: UseCaseDeps,
  config: Pick<OrdersConfig, 'inventoryRetryAfterSeconds' | 'paymentRetryAfterSeconds'>,
): OrdersHandlers {
  return {
    placeOrder: placeOrderHandler({
      placeOrder: (input) => placeOrder(deps, input),
      metrics: deps.metrics,
      inventoryRetryAfterSeconds: config.inventoryRetryAfterSeconds,
    }),
    listMyOrders: listMyOrdersHandler((query) => listMyOrders(deps, query)),
    getOrder: getOrderHandler((actor, orderId) => getOrder(deps, actor, orderId)),
    payOrder: payOrderHandler({
      payOrder: (input) => payOrder(deps, input),
      paymentRetryAfterSeconds: config.paymentRetryAfterSeconds,
    }),
    cancelOrder: cancelOrderHandler((input) => cancelOrder(deps, input)),
    fulfillOrder: fulfillOrderHandler((orderId) => fulfillOrder(deps, orderId)),
  };
}
