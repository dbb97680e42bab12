/**
 * What a product search asks for (listProducts): the words, the filters, the sort and the page,
 * with the rules the contract states in prose (relevance needs words; a price range runs from
 * low to high). Problems name the query field at fault, as the 400 response does.
 */
import { type PageRequest, pageRequest } from './paging';

export const PRODUCT_SORT_PARAMS = [
  'relevance',
  'name',
  '-name',
  'price',
  '-price',
  'createdAt',
  '-createdAt',
  'popularity',
] as const;
export type ProductSortParam = (typeof PRODUCT_SORT_PARAMS)[number];

export type ProductSortKey = 'relevance' | 'name' | 'price' | 'createdAt' | 'popularity';

export interface ProductSort {
  readonly key: ProductSortKey;
  readonly direction: 'asc' | 'desc';
}

export interface ProductQuery {
  /** The search words, whitespace collapsed; absent when none were given. */
  readonly text: string | undefined;
  readonly categoryId: string | undefined;
  readonly minPrice: number | undefined;
  readonly maxPrice: number | undefined;
  readonly inStock: boolean | undefined;
  readonly sort: ProductSort;
  readonly page: PageRequest;
}

/** The listProducts query string as the contract types it. */
export interface ProductQueryInput {
  readonly q?: string;
  readonly categoryId?: string;
  readonly minPrice?: number;
  readonly maxPrice?: number;
  readonly inStock?: boolean;
  readonly sort?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export type ProductQueryParse =
  | { readonly ok: true; readonly query: ProductQuery }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/** The contract's default order. */
export const DEFAULT_PRODUCT_SORT: ProductSortParam = 'name';

/**
 * `name` → ascending by name, `-price` → descending by price; `relevance` ranks best matches
 * first and `popularity` most units sold first, so both read descending. Undefined for anything
 * else.
 */
export function parseProductSort(param: string): ProductSort | undefined {
  if (!(PRODUCT_SORT_PARAMS as readonly string[]).includes(param)) return undefined;
  if (param === 'relevance' || param === 'popularity') return { key: param, direction: 'desc' };
  const descending = param.startsWith('-');
  return {
    key: (descending ? param.slice(1) : param) as ProductSortKey,
    direction: descending ? 'desc' : 'asc',
  };
}

/** Blank or whitespace-only words mean "no search". */
function searchText(q: string | undefined): string | undefined {
  const text = q?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}

export function parseProductQuery(input: ProductQueryInput): ProductQueryParse {
  const problems: FieldProblem[] = [];
  const text = searchText(input.q);
  const sortParam = input.sort ?? DEFAULT_PRODUCT_SORT;
  const sort = parseProductSort(sortParam);
  if (sort === undefined)
    problems.push({
      field: 'query.sort',
      message: `must be one of ${PRODUCT_SORT_PARAMS.join(', ')}`,
    });
  else if (sort.key === 'relevance' && text === undefined)
    problems.push({ field: 'query.sort', message: 'relevance needs q (the words to rank by)' });
  const { minPrice, maxPrice } = input;
  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice)
    problems.push({
      field: 'query.minPrice',
      message: `must be <= maxPrice (${maxPrice})`,
    });
  if (problems.length > 0 || sort === undefined) return { ok: false, problems };
  return {
    ok: true,
    query: {
      text,
      categoryId: input.categoryId,
      minPrice,
      maxPrice,
      inStock: input.inStock,
      sort,
      page: pageRequest(input.page, input.pageSize),
    },
  };
}
