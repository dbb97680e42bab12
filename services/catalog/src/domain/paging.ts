/** Page requests and page metadata for every catalog list (contract: page from 1, pageSize ≤ 100). */

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  /** 1-based page number. */
  readonly number: number;
  readonly size: number;
}

export interface PageMeta {
  readonly number: number;
  readonly size: number;
  readonly totalItems: number;
  readonly totalPages: number;
}

/** The requested page with the contract's defaults (page 1, 20 items). */
export function pageRequest(page?: number, pageSize?: number): PageRequest {
  const number = page ?? 1;
  const size = pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(number) || number < 1) throw new RangeError('page must be an integer >= 1');
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw new RangeError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  return { number, size };
}

/** How many items come before the requested page. */
export function pageOffset(request: PageRequest): number {
  return (request.number - 1) * request.size;
}

/** Where the page sits in the whole result; a page past the end is empty but keeps the totals. */
export function pageMeta(request: PageRequest, totalItems: number): PageMeta {
  return {
    number: request.number,
    size: request.size,
    totalItems,
    totalPages: Math.ceil(totalItems / request.size),
  };
}
