/** listProducts: search, filter, sort and page the products on sale. */
import type { CatalogHandlers } from '@bazaar/generated/http/catalog/server';
import { parseProductQuery } from '../domain/product-query';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { listProducts } from '../use-cases/list-products';
import { invalidQuery } from './catalog-mapping';

export function listProductsHandler(deps: CatalogDeps): CatalogHandlers['listProducts'] {
  return async function listProductsRoute({ query }, reply) {
    const parsed = parseProductQuery(query);
    if (!parsed.ok) throw invalidQuery(parsed.problems);
    const { items, page } = await listProducts(deps, parsed.query);
    return reply(200, { items, page });
  };
}
