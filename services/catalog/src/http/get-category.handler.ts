/** getCategory: one category. */
import type { CatalogHandlers } from '@bazaar/generated/http/catalog/server';
import { catalogErrors } from '../errors';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { getCategory } from '../use-cases/read-categories';
import { categoryBody } from './catalog-mapping';

export function getCategoryHandler(deps: CatalogDeps): CatalogHandlers['getCategory'] {
  return async function getCategoryRoute({ path }, reply) {
    const category = await getCategory(deps, path.categoryId);
    if (!category) throw catalogErrors.error('NOT_FOUND', `no category has id ${path.categoryId}`);
    return reply(200, categoryBody(category));
  };
}
