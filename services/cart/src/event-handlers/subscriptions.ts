/**
 * The events the cart consumes: routing key → handler, the only list (the generated
 * CartSubscriptions type makes a missing handler for a `receive` of
 * contracts/asyncapi/cart.yaml a compile error). Each runs once per event, in `ctx.db`.
 */
import type { CartSubscriptions } from '@bazaar/generated/events/cart';
import type { EventHandlerContext } from '@bazaar/platform/events/index';
import { orderCreatedHandler } from './order-created.handler';
import { priceChangedHandler } from './price-changed.handler';
import { productDeletedHandler } from './product-deleted.handler';
import { userRegisteredHandler } from './user-registered.handler';

export const cartSubscriptions: CartSubscriptions<EventHandlerContext> = {
  'ecommerce.identity.user.registered.v1': userRegisteredHandler,
  'ecommerce.product.price.changed.v1': priceChangedHandler,
  'ecommerce.product.product.deleted.v1': productDeletedHandler,
  'ecommerce.order.order.created.v1': orderCreatedHandler,
};
