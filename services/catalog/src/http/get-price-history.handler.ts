/** getPriceHistory: one page of the product's price entries, newest first. */
import type { CatalogHandlers } from '@bazaar/generated/http/catalog/server';
import { pageRequest } from '../domain/paging';
import { catalogErrors } from '../errors';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { getPriceHistory } from '../use-cases/get-price-history';
import { priceEntryBody } from './catalog-mapping';

export function getPriceHistoryHandler(deps: CatalogDeps): CatalogHandlers['getPriceHistory'] {
  return async function getPriceHistoryRoute({ path, query }, reply) {
    const history = await getPriceHistory(
      deps,
      path.productId,
      pageRequest(query.page, query.pageSize),
    );
    if (!history) throw catalogErrors.error('NOT_FOUND', `no product has id ${path.productId}`);
    return reply(200, { items: history.entries.map(priceEntryBody), page: history.page });
  };
}
