/**
 * ecommerce.payment.payment.failed.v1 → a CHARGING order whose charge started before the failure
 * goes back to AWAITING_PAYMENT (declined or provider unavailable), as the synchronous answer would
 * have done; a failure of an older attempt changes nothing. Runs in the inbox transaction.
 */
import type { EventEnvelope } from '@bazaar/generated/events/types';
import type { EventHandlerContext } from '@bazaar/platform/events/index';
import { recordPaymentReport } from '../use-cases/record-payment-report';
import type { UseCaseDeps } from '../use-cases/use-case-deps';

export function paymentFailedHandler(deps: Pick<UseCaseDeps, 'clock' | 'leases'>) {
  return async function paymentFailed(
    event: EventEnvelope<'ecommerce.payment.payment.failed.v1'>,
    ctx: EventHandlerContext,
  ): Promise<void> {
    const { orderId, paymentId, reason, declineCode, failedAt } = event.payload;
    const result = await recordPaymentReport(deps, ctx.db, orderId.toLowerCase(), {
      kind: 'failed',
      paymentId,
      reason,
      declineCode,
      failedAt: new Date(failedAt).toISOString(),
    });
    ctx.log.info({ orderId, paymentId, reason, result }, 'payment.failed handled');
  };
}
