/**
 * Every event the catalog consumes, routing key → handler (the only list; the generated
 * CatalogSubscriptions type makes a missing `receive` of contracts/asyncapi/catalog.yaml a
 * compile error). Each handler runs once per event, inside its inbox transaction (ctx.db).
 */
import type { CatalogSubscriptions } from '@bazaar/generated/events/catalog';
import type { EventHandlerContext } from '@bazaar/platform/events/index';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { orderPaidHandler } from './order-paid.handler';
import { priceChangedHandler } from './price-changed.handler';
import { productCreatedHandler } from './product-created.handler';
import { productDeletedHandler } from './product-deleted.handler';
import { productUpdatedHandler } from './product-updated.handler';
import { stockAdjustedHandler } from './stock-adjusted.handler';
import { stockDepletedHandler } from './stock-depleted.handler';
import { stockReleasedHandler } from './stock-released.handler';
import { stockReservedHandler } from './stock-reserved.handler';

export function catalogSubscriptions(
  deps: Pick<CatalogDeps, 'cache'>,
): CatalogSubscriptions<EventHandlerContext> {
  return {
    'ecommerce.product.product.created.v1': productCreatedHandler(deps),
    'ecommerce.product.product.updated.v1': productUpdatedHandler(deps),
    'ecommerce.product.product.deleted.v1': productDeletedHandler(deps),
    'ecommerce.product.price.changed.v1': priceChangedHandler(deps),
    'ecommerce.inventory.stock.adjusted.v1': stockAdjustedHandler(deps),
    'ecommerce.inventory.stock.reserved.v1': stockReservedHandler(deps),
    'ecommerce.inventory.stock.released.v1': stockReleasedHandler(deps),
    'ecommerce.inventory.stock.depleted.v1': stockDepletedHandler(deps),
    'ecommerce.order.order.paid.v1': orderPaidHandler(deps),
  };
}
