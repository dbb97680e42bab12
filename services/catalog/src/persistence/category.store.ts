/**
 * SQL for the categories table (services/catalog/src/persistence): insert, load (optionally
 * locked), list by name, update, delete, the ancestor chain (loop check) and what a category
 * still holds (delete check).
 */
import type { Category, CategoryContents } from '../domain/category';
import type { PageRequest } from '../domain/paging';
import { pageOffset } from '../domain/paging';
import { type Db, toNumber } from './db';

interface CategoryRow {
  id: string;
  name: string;
  slug: string;
  description: string;
  parent_id: string | null;
}

const COLUMNS = 'id, name, slug, description, parent_id';

function categoryFromRow(row: CategoryRow): Category {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    parentId: row.parent_id,
  };
}

/** Inserts a category; a taken slug or a missing parent fails with SQLSTATE 23505 / 23503. */
export async function insertCategory(db: Db, category: Category): Promise<void> {
  await db.query(
    `INSERT INTO categories (id, name, slug, description, parent_id) VALUES ($1, $2, $3, $4, $5)`,
    [category.id, category.name, category.slug, category.description, category.parentId],
  );
}

export async function findCategory(
  db: Db,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Category | undefined> {
  const result = await db.query<CategoryRow>(
    `SELECT ${COLUMNS} FROM categories WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  const row = result.rows[0];
  return row ? categoryFromRow(row) : undefined;
}

/** One page of categories by name, with the number of categories in all. */
export async function listCategories(
  db: Db,
  page: PageRequest,
): Promise<{ categories: Category[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.query<CategoryRow>(
      `SELECT ${COLUMNS} FROM categories ORDER BY name, id LIMIT $1 OFFSET $2`,
      [page.size, pageOffset(page)],
    ),
    db.query<{ total: string }>('SELECT count(*) AS total FROM categories'),
  ]);
  return { categories: rows.rows.map(categoryFromRow), total: toNumber(count.rows[0]!.total) };
}

export async function saveCategory(db: Db, category: Category): Promise<void> {
  await db.query(
    'UPDATE categories SET name = $2, description = $3, parent_id = $4 WHERE id = $1',
    [category.id, category.name, category.description, category.parentId],
  );
}

/**
 * Serialises changes of parents for the rest of the transaction: two concurrent moves (A under
 * B, B under A) would each pass the loop check alone.
 */
export async function lockCategoryTree(db: Db): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtext('catalog.category-tree'))");
}

export async function deleteCategoryRow(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM categories WHERE id = $1', [id]);
}

/** The chain from `id` up to its root, `id` first; empty when there is no such category. */
export async function ancestorChain(db: Db, id: string): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    `WITH RECURSIVE chain (id, parent_id, depth) AS (
       SELECT id, parent_id, 0 FROM categories WHERE id = $1
       UNION ALL
       SELECT c.id, c.parent_id, chain.depth + 1 FROM categories c JOIN chain ON c.id = chain.parent_id
        WHERE chain.depth < 10000
     )
     SELECT id FROM chain ORDER BY depth`,
    [id],
  );
  return result.rows.map((row) => row.id);
}

/** How many listed products and sub-categories the category holds. */
export async function categoryContents(db: Db, id: string): Promise<CategoryContents> {
  const result = await db.query<{ products: string; children: string }>(
    `SELECT (SELECT count(*) FROM products WHERE category_id = $1 AND deleted_at IS NULL) AS products,
            (SELECT count(*) FROM categories WHERE parent_id = $1) AS children`,
    [id],
  );
  const row = result.rows[0]!;
  return { listedProducts: toNumber(row.products), subCategories: toNumber(row.children) };
}
