/**
 * Saga compensation of a canceled order (architecture §5 step 4), in reverse of what was done:
 * release the stock (ReleaseStock; committed units of a paid order go back on hand), refund the
 * payment in full (refundPayment, key derived from the order so a repeat refunds nothing twice),
 * recording each as it completes; the last one closes the saga (order.canceled is published then).
 * Throws when a call fails: the order stays COMPENSATING and the worker tries again later.
 */
import type { OrderState } from '../domain/order-state';
import { leaveToWorker } from './leave-to-worker';
import { runOrderCommand } from './order-transaction';
import type { UseCaseDeps } from './use-case-deps';

export class StepPendingError extends Error {
  override readonly name = 'StepPendingError';
}

/** The refund's Idempotency-Key at payment: one refund per order, ever. */
export function refundKeyOf(orderId: string): string {
  return `order-${orderId}-refund`;
}

export async function compensateOrder(deps: UseCaseDeps, state: OrderState): Promise<OrderState> {
  let current = state;
  if (current.step !== 'COMPENSATING') return current;
  if (current.compensation.releaseStock) {
    const reason =
      current.cancellation?.reason === 'RESERVATION_EXPIRED'
        ? 'RESERVATION_EXPIRED'
        : 'ORDER_CANCELED';
    try {
      await deps.inventory.releaseStock(current.orderId, reason);
    } catch (error) {
      deps.metrics.sagaSteps.inc({ step: 'release_stock', outcome: 'failed' });
      throw error;
    }
    deps.metrics.sagaSteps.inc({ step: 'release_stock', outcome: 'released' });
    current =
      (await runOrderCommand(deps, current.orderId, { type: 'RecordStockReleased' })).state ??
      current;
  }
  const paymentId = current.compensation.refundPaymentId;
  if (paymentId) {
    const refund = await deps.payment.refund(paymentId, refundKeyOf(current.orderId));
    if (refund.kind !== 'refunded') {
      deps.metrics.sagaSteps.inc({ step: 'refund_payment', outcome: refund.kind });
      throw new StepPendingError(
        `refund of payment ${paymentId} is pending: ${refund.kind === 'unknown' ? refund.reason : 'payment unavailable'}`,
      );
    }
    deps.metrics.sagaSteps.inc({ step: 'refund_payment', outcome: 'refunded' });
    current =
      (
        await runOrderCommand(deps, current.orderId, {
          type: 'RecordRefund',
          paymentId,
          refundId: refund.refundId,
        })
      ).state ?? current;
  }
  return current;
}

/** Compensates now if it can; on failure leaves the order to the worker. */
export async function compensateOrLeaveToWorker(
  deps: UseCaseDeps,
  state: OrderState,
): Promise<OrderState> {
  try {
    return await compensateOrder(deps, state);
  } catch (error) {
    return (await leaveToWorker(deps, state.orderId, error, 'compensation')) ?? state;
  }
}
