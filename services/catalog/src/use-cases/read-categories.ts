/** getCategory and listCategories: categories straight from PostgreSQL, listed by name. */
import type { Category } from '../domain/category';
import { type PageMeta, type PageRequest, pageMeta } from '../domain/paging';
import { findCategory, listCategories as listCategoryRows } from '../persistence/category.store';
import type { CatalogDeps } from './catalog-deps';

export function getCategory(deps: CatalogDeps, id: string): Promise<Category | undefined> {
  return findCategory(deps.pool, id);
}

export async function listCategories(
  deps: CatalogDeps,
  page: PageRequest,
): Promise<{ items: Category[]; page: PageMeta }> {
  const { categories, total } = await listCategoryRows(deps.pool, page);
  return { items: categories, page: pageMeta(page, total) };
}
