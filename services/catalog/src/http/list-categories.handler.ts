/** listCategories: one page of categories, by name. */
import type { CatalogHandlers } from '@bazaar/generated/http/catalog/server';
import { pageRequest } from '../domain/paging';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { listCategories } from '../use-cases/read-categories';
import { categoryBody } from './catalog-mapping';

export function listCategoriesHandler(deps: CatalogDeps): CatalogHandlers['listCategories'] {
  return async function listCategoriesRoute({ query }, reply) {
    const { items, page } = await listCategories(deps, pageRequest(query.page, query.pageSize));
    return reply(200, { items: items.map(categoryBody), page });
  };
}
