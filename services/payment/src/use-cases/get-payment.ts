/**
 * getPayment (services/payment/src/use-cases): a payment, if the viewer may see it (the customer
 * who paid, admins, services); to anyone else it does not exist.
 */
import { canSeePayment, type Viewer } from '../domain/payment-access';
import type { Payment } from '../domain/payment';
import { findPayment } from '../persistence/payment-store';
import type { PaymentDeps } from './payment-deps';

export function getPayment(deps: Pick<PaymentDeps, 'pool'>) {
  return async function getPaymentUseCase(
    paymentId: string,
    viewer: Viewer,
  ): Promise<Payment | undefined> {
    const payment = await findPayment(deps.pool, paymentId);
    return payment && canSeePayment(payment, viewer) ? payment : undefined;
  };
}
