/** ecommerce.product.product.created.v1 (own event): caches the new product, so its first read is a hit. */
import { cacheProduct } from '../use-cases/refresh-cached-product';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import type { CatalogEventHandler } from './handler-types';

export function productCreatedHandler(
  deps: Pick<CatalogDeps, 'cache'>,
): CatalogEventHandler<'ecommerce.product.product.created.v1'> {
  return async function productCreated(event, ctx) {
    const cached = await cacheProduct(deps, ctx.db, event.payload.productId);
    if (!cached)
      ctx.log.debug(
        { productId: event.payload.productId },
        'created product not on sale; not cached',
      );
  };
}
