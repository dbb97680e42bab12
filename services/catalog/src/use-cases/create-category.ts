/** createCategory (admin): a new category, top-level or under an existing parent; slugs are unique. */
import { withTransaction } from '@bazaar/platform/db/index';
import type { Category } from '../domain/category';
import { catalogErrors } from '../errors';
import { insertCategory } from '../persistence/category.store';
import { violatedConstraint } from '../persistence/db';
import type { CatalogDeps } from './catalog-deps';

export interface NewCategoryInput {
  name: string;
  slug: string;
  description?: string;
  parentId?: string;
}

export async function createCategory(
  deps: CatalogDeps,
  input: NewCategoryInput,
): Promise<Category> {
  const category: Category = {
    id: deps.newId(),
    name: input.name,
    slug: input.slug,
    description: input.description ?? '',
    parentId: input.parentId ?? null,
  };
  try {
    await withTransaction(deps.pool, (tx) => insertCategory(tx, category));
  } catch (err) {
    if (violatedConstraint(err, 'unique') === 'categories_slug_key')
      throw catalogErrors.error('CONFLICT', `a category with slug ${input.slug} already exists`);
    if (violatedConstraint(err, 'foreign-key') === 'categories_parent_id_fkey')
      throw catalogErrors.error(
        'CATALOG_ERR_UNKNOWN_CATEGORY',
        `parent category ${input.parentId} does not exist`,
      );
    throw err;
  }
  return category;
}
