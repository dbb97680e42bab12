/**
 * getPriceHistory: one page of a product's SCD2 price entries, newest first. A withdrawn product
 * keeps its history, so it is still found here; an unknown product is not.
 */
import { type PageMeta, type PageRequest, pageMeta } from '../domain/paging';
import type { PriceEntry } from '../domain/price-history';
import { listPriceEntries } from '../persistence/price-history.store';
import { productExists } from '../persistence/product.store';
import type { CatalogDeps } from './catalog-deps';

export async function getPriceHistory(
  deps: CatalogDeps,
  productId: string,
  page: PageRequest,
): Promise<{ entries: PriceEntry[]; page: PageMeta } | undefined> {
  if (!(await productExists(deps.pool, productId))) return undefined;
  const { entries, total } = await listPriceEntries(deps.pool, productId, page);
  return { entries, page: pageMeta(page, total) };
}
