/** updateCategory (admin): the category after a partial change. */
import type { CatalogHandlers } from '@bazaar/generated/http/catalog/server';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { updateCategory } from '../use-cases/update-category';
import { categoryBody } from './catalog-mapping';

export function updateCategoryHandler(deps: CatalogDeps): CatalogHandlers['updateCategory'] {
  return async function updateCategoryRoute({ path, body }, reply) {
    return reply(200, categoryBody(await updateCategory(deps, path.categoryId, body)));
  };
}
