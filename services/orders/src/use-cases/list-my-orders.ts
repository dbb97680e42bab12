/** listMyOrders: one page of the caller's orders from the orders_by_customer read model. */
import {
  listSummaries,
  type OrderSummaryRow,
  type SummaryStatus,
} from '../persistence/orders-by-customer.view';
import type { UseCaseDeps } from './use-case-deps';

export async function listMyOrders(
  deps: Pick<UseCaseDeps, 'pool'>,
  query: {
    customerId: string;
    statuses?: readonly SummaryStatus[];
    page: number;
    pageSize: number;
  },
): Promise<{ rows: OrderSummaryRow[]; total: number }> {
  return listSummaries(deps.pool, { ...query, statuses: query.statuses });
}
