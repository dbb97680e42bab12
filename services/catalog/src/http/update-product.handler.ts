/** updateProduct (admin): the product after a partial change. */
import type { CatalogHandlers } from '@bazaar/generated/http/catalog/server';
import { toProductView } from '../domain/product';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { updateProduct } from '../use-cases/update-product';

export function updateProductHandler(deps: CatalogDeps): CatalogHandlers['updateProduct'] {
  return async function updateProductRoute({ path, body }, reply) {
    const product = await updateProduct(deps, path.productId, body);
    return reply(200, toProductView(product));
  };
}
