/**
 * The events inventory consumes (contracts/asyncapi/inventory.yaml `receive`), one handler per
 * routing key: the only list, checked by the generated InventorySubscriptions type.
 */
import type { InventorySubscriptions } from '@bazaar/generated/events/inventory';
import type { EventHandlerContext } from '@bazaar/platform/events/index';
import { onProductCreated } from './product-created.handler';
import { onProductDeleted } from './product-deleted.handler';

export const inventorySubscriptions: InventorySubscriptions<EventHandlerContext> = {
  'ecommerce.product.product.created.v1': onProductCreated,
  'ecommerce.product.product.deleted.v1': onProductDeleted,
};
