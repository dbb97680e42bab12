/**
 * The listProducts query (services/catalog/src/persistence): PostgreSQL full-text search over the
 * generated `search_vector` (GIN index) with filters, one of the contract's sort orders, and
 * paging with totals. Withdrawn products are never listed.
 */
import type { ProductQuery, ProductSort } from '../domain/product-query';
import { pageOffset } from '../domain/paging';
import { type Db, toNumber } from './db';
import {
  PRODUCT_COLUMNS,
  type ProductRow,
  type StoredProduct,
  storedProductFromRow,
} from './product.store';

// Words are read with websearch syntax ("quoted phrase", or, -word) through both dictionaries
// the search vector is built with: stemmed English for words, unstemmed for SKUs.
const SEARCH_QUERY = `(websearch_to_tsquery('english', $1) || websearch_to_tsquery('simple', $1))`;

/** ORDER BY of each sort; `p.id` last makes the order total, so pages never overlap. */
function orderBy(sort: ProductSort): string {
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  switch (sort.key) {
    case 'relevance':
      return 'ts_rank_cd(p.search_vector, s.query) DESC, p.name ASC, p.id ASC';
    case 'popularity':
      return 'p.sales_count DESC, p.name ASC, p.id ASC';
    case 'name':
      return `p.name ${dir}, p.id ${dir}`;
    case 'price':
      return `p.price_amount ${dir}, p.price_currency ${dir}, p.id ${dir}`;
    case 'createdAt':
      return `p.created_at ${dir}, p.id ${dir}`;
  }
}

interface SqlParts {
  from: string;
  where: string;
  values: unknown[];
}

function filters(query: ProductQuery): SqlParts {
  const values: unknown[] = [query.text ?? null];
  const where = ['p.deleted_at IS NULL'];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    where.push(condition(`$${values.length}`));
  };
  if (query.text !== undefined) where.push('p.search_vector @@ s.query');
  if (query.categoryId !== undefined) add((v) => `p.category_id = ${v}`, query.categoryId);
  if (query.minPrice !== undefined) add((v) => `p.price_amount >= ${v}`, query.minPrice);
  if (query.maxPrice !== undefined) add((v) => `p.price_amount <= ${v}`, query.maxPrice);
  if (query.inStock !== undefined) add((v) => `p.in_stock = ${v}`, query.inStock);
  return {
    // $1 is always the search text (null without one), so placeholders keep their numbers.
    from: `products p CROSS JOIN (SELECT CASE WHEN $1::text IS NULL THEN NULL ELSE ${SEARCH_QUERY} END AS query) s`,
    where: where.join(' AND '),
    values,
  };
}

/** One page of the products matching `query`, in its order, with the number of matches in all. */
export async function searchProducts(
  db: Db,
  query: ProductQuery,
): Promise<{ products: StoredProduct[]; total: number }> {
  const { from, where, values } = filters(query);
  const limit = values.length + 1;
  const [page, count] = await Promise.all([
    db.query<ProductRow>(
      `SELECT ${PRODUCT_COLUMNS} FROM ${from} WHERE ${where}
        ORDER BY ${orderBy(query.sort)} LIMIT $${limit} OFFSET $${limit + 1}`,
      [...values, query.page.size, pageOffset(query.page)],
    ),
    db.query<{ total: string }>(`SELECT count(*) AS total FROM ${from} WHERE ${where}`, values),
  ]);
  return {
    products: page.rows.map(storedProductFromRow),
    total: toNumber(count.rows[0]!.total),
  };
}
