/** createCategory (admin): 201 with the category and its Location. */
import type { CatalogHandlers } from '@bazaar/generated/http/catalog/server';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { createCategory } from '../use-cases/create-category';
import { categoryBody } from './catalog-mapping';

export function createCategoryHandler(deps: CatalogDeps): CatalogHandlers['createCategory'] {
  return async function createCategoryRoute({ body }, reply) {
    const category = await createCategory(deps, body);
    return reply(201, categoryBody(category), {
      Location: `/api/v1/categories/${category.id}`,
    });
  };
}
