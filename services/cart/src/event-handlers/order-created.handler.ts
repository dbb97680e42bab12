/**
 * ecommerce.order.order.created.v1 → the customer's cart is emptied when the order was placed
 * from it (`fromCart`); an order with its own list of items leaves the cart alone.
 */
import type { EventEnvelope } from '@bazaar/generated/events/types';
import type { EventHandlerContext } from '@bazaar/platform/events/index';
import { clearCart } from '../use-cases/clear-cart';

export async function orderCreatedHandler(
  event: EventEnvelope<'ecommerce.order.order.created.v1'>,
  ctx: EventHandlerContext,
): Promise<void> {
  const { fromCart, customerId, orderId } = event.payload;
  if (!fromCart) return;
  const lines = await clearCart(ctx.db, customerId.toLowerCase(), 'ORDER_PLACED');
  ctx.log.debug({ orderId, lines }, 'cart emptied after its order was placed');
}
