/** createProduct (admin): 201 with the product and its Location. */
import type { CatalogHandlers } from '@bazaar/generated/http/catalog/server';
import { toProductView } from '../domain/product';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { createProduct } from '../use-cases/create-product';

export function createProductHandler(deps: CatalogDeps): CatalogHandlers['createProduct'] {
  return async function createProductRoute({ body }, reply) {
    const product = await createProduct(deps, body);
    return reply(201, toProductView(product), { Location: `/api/v1/products/${product.id}` });
  };
}
