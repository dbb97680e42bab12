/** listProducts: one page of the search, straight from PostgreSQL (lists are not cached). */
import { type PageMeta, pageMeta } from '../domain/paging';
import { type ProductView, toProductView } from '../domain/product';
import type { ProductQuery } from '../domain/product-query';
import { searchProducts } from '../persistence/product-search.query';
import type { CatalogDeps } from './catalog-deps';

export async function listProducts(
  deps: CatalogDeps,
  query: ProductQuery,
): Promise<{ items: ProductView[]; page: PageMeta }> {
  const { products, total } = await searchProducts(deps.pool, query);
  return {
    items: products.map((stored) => toProductView(stored.product)),
    page: pageMeta(query.page, total),
  };
}
