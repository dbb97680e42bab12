/**
 * updateCategory (admin): renames, re-describes or moves a category. A move must keep the tree a
 * tree (no category under itself or its descendants) and needs an existing parent; the contract
 * answers both with 409, as this operation has no 422.
 */
import { withTransaction } from '@bazaar/platform/db/index';
import {
  type Category,
  type CategoryChanges,
  applyCategoryChanges,
  parentProblem,
} from '../domain/category';
import { catalogErrors } from '../errors';
import {
  ancestorChain,
  findCategory,
  lockCategoryTree,
  saveCategory,
} from '../persistence/category.store';
import type { CatalogDeps } from './catalog-deps';

export async function updateCategory(
  deps: CatalogDeps,
  id: string,
  changes: CategoryChanges,
): Promise<Category> {
  return withTransaction(deps.pool, async (tx) => {
    const moving = changes.parentId !== undefined;
    if (moving) await lockCategoryTree(tx);
    const category = await findCategory(tx, id, { lock: true });
    if (!category) throw catalogErrors.error('NOT_FOUND', `no category has id ${id}`);
    const newParentId = changes.parentId;
    if (newParentId !== undefined && newParentId !== null) {
      const chain = await ancestorChain(tx, newParentId);
      if (chain.length === 0)
        throw catalogErrors.error('CONFLICT', `parent category ${newParentId} does not exist`);
      const problem = parentProblem(id, newParentId, chain);
      if (problem)
        throw catalogErrors.error(
          'CONFLICT',
          problem === 'self'
            ? 'a category cannot be its own parent'
            : `category ${newParentId} is inside category ${id}; moving ${id} under it would make a loop`,
        );
    }
    const updated = applyCategoryChanges(category, changes);
    await saveCategory(tx, updated);
    return updated;
  });
}
