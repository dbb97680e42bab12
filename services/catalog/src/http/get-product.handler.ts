/** getProduct: one product on sale, read through the Redis cache. */
import type { CatalogHandlers } from '@bazaar/generated/http/catalog/server';
import { catalogErrors } from '../errors';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { getProduct } from '../use-cases/get-product';

export function getProductHandler(deps: CatalogDeps): CatalogHandlers['getProduct'] {
  return async function getProductRoute({ path }, reply) {
    const product = await getProduct(deps, path.productId);
    if (!product)
      throw catalogErrors.error('NOT_FOUND', `no product on sale has id ${path.productId}`);
    return reply(200, product);
  };
}
