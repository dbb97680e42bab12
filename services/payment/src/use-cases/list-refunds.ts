/**
 * listRefunds (services/payment/src/use-cases): one page of a payment's refunds, oldest first, if
 * the viewer may see the payment; otherwise the payment does not exist for them.
 */
import { canSeePayment, type Viewer } from '../domain/payment-access';
import type { Refund } from '../domain/refund';
import { findPayment } from '../persistence/payment-store';
import { listRefundsOfPayment } from '../persistence/refund-store';
import type { PaymentDeps } from './payment-deps';

export interface RefundListPage {
  items: Refund[];
  page: { number: number; size: number; totalItems: number; totalPages: number };
}

export function listRefunds(deps: Pick<PaymentDeps, 'pool'>) {
  return async function listRefundsUseCase(
    paymentId: string,
    viewer: Viewer,
    page: { number: number; size: number },
  ): Promise<RefundListPage | undefined> {
    const payment = await findPayment(deps.pool, paymentId);
    if (!payment || !canSeePayment(payment, viewer)) return undefined;
    const { items, totalItems } = await listRefundsOfPayment(
      deps.pool,
      paymentId,
      page.number,
      page.size,
    );
    return {
      items,
      page: { ...page, totalItems, totalPages: Math.ceil(totalItems / page.size) },
    };
  };
}
