/** deleteProduct (admin): 204 once the product is withdrawn from sale. */
import type { CatalogHandlers } from '@bazaar/generated/http/catalog/server';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { deleteProduct } from '../use-cases/delete-product';

export function deleteProductHandler(deps: CatalogDeps): CatalogHandlers['deleteProduct'] {
  return async function deleteProductRoute({ path }, reply) {
    await deleteProduct(deps, path.productId);
    return reply(204);
  };
}
