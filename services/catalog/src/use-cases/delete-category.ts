/**
 * deleteCategory (admin): deletes an empty category. The category row is locked first, so a
 * product being created in it concurrently either commits before (and the delete is refused)
 * or fails its foreign-key check after.
 */
import { withTransaction } from '@bazaar/platform/db/index';
import { deletionBlocker } from '../domain/category';
import { catalogErrors } from '../errors';
import { categoryContents, deleteCategoryRow, findCategory } from '../persistence/category.store';
import type { CatalogDeps } from './catalog-deps';

export async function deleteCategory(deps: CatalogDeps, id: string): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    const category = await findCategory(tx, id, { lock: true });
    if (!category) throw catalogErrors.error('NOT_FOUND', `no category has id ${id}`);
    const blocker = deletionBlocker(await categoryContents(tx, id));
    if (blocker) throw catalogErrors.error('CONFLICT', blocker);
    await deleteCategoryRow(tx, id);
  });
}
