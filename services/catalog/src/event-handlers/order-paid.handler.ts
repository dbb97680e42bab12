/** ecommerce.order.order.paid.v1: adds the paid quantities to each product's `salesCount`. */
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { recordSales } from '../use-cases/record-sales';
import type { CatalogEventHandler } from './handler-types';

export function orderPaidHandler(
  deps: Pick<CatalogDeps, 'cache'>,
): CatalogEventHandler<'ecommerce.order.order.paid.v1'> {
  return async function orderPaid(event, ctx) {
    const unknown = await recordSales(deps, ctx.db, event.payload.items);
    if (unknown.length > 0)
      ctx.log.warn(
        { orderId: event.payload.orderId, productIds: unknown },
        'paid order lists products the catalog does not know; their units are not counted',
      );
  };
}
