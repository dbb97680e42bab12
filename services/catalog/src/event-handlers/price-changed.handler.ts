/** ecommerce.product.price.changed.v1 (own event): a product's price changed, so its cached copy is evicted. */
import { evictCachedProduct } from '../use-cases/refresh-cached-product';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import type { CatalogEventHandler } from './handler-types';

export function priceChangedHandler(
  deps: Pick<CatalogDeps, 'cache'>,
): CatalogEventHandler<'ecommerce.product.price.changed.v1'> {
  return async function priceChanged(event, ctx) {
    const known = await evictCachedProduct(deps, ctx.db, event.payload.productId);
    if (!known)
      ctx.log.warn({ productId: event.payload.productId }, 'event for an unknown product');
  };
}
