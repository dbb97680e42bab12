/** deleteCategory (admin): 204 once an empty category is gone. */
import type { CatalogHandlers } from '@bazaar/generated/http/catalog/server';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { deleteCategory } from '../use-cases/delete-category';

export function deleteCategoryHandler(deps: CatalogDeps): CatalogHandlers['deleteCategory'] {
  return async function deleteCategoryRoute({ path }, reply) {
    await deleteCategory(deps, path.categoryId);
    return reply(204);
  };
}
