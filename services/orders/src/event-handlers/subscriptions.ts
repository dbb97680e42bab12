/**
 * Every event orders consumes (contracts/asyncapi/orders.yaml `receive`), routing key → handler:
 * the only list, checked by the generated OrdersSubscriptions type. Its own order events build the
 * orders_by_customer read model; payment's events settle charges whose answer was lost.
 */
import type { OrdersSubscriptions } from '@bazaar/generated/events/orders';
import type { EventHandlerContext } from '@bazaar/platform/events/index';
import { LIVE_TABLE } from '../persistence/orders-by-customer.view';
import type { UseCaseDeps } from '../use-cases/use-case-deps';
import { projectOrderEvent } from './orders-by-customer.projection';
import { paymentFailedHandler } from './payment-failed.handler';
import { paymentSucceededHandler } from './payment-succeeded.handler';

export function ordersSubscriptions(
  deps: Pick<UseCaseDeps, 'clock' | 'leases'>,
): OrdersSubscriptions<EventHandlerContext> {
  const project = async (
    event: Parameters<typeof projectOrderEvent>[2],
    ctx: EventHandlerContext,
  ): Promise<void> => projectOrderEvent(ctx.db, LIVE_TABLE, event);
  return {
    'ecommerce.order.order.created.v1': project,
    'ecommerce.order.order.paid.v1': project,
    'ecommerce.order.order.fulfilled.v1': project,
    'ecommerce.order.order.canceled.v1': project,
    'ecommerce.payment.payment.succeeded.v1': paymentSucceededHandler(deps),
    'ecommerce.payment.payment.failed.v1': paymentFailedHandler(deps),
  };
}
