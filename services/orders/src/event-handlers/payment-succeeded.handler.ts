/**
 * ecommerce.payment.payment.succeeded.v1 → a charge whose synchronous answer was lost (a crash or
 * a timeout) is completed from the event: the order records the payment, and the commit follows
 * (use-cases/record-payment-report.ts). Runs in the inbox transaction.
 */
import type { EventEnvelope } from '@bazaar/generated/events/types';
import type { EventHandlerContext } from '@bazaar/platform/events/index';
import { recordPaymentReport } from '../use-cases/record-payment-report';
import type { UseCaseDeps } from '../use-cases/use-case-deps';

export function paymentSucceededHandler(deps: Pick<UseCaseDeps, 'clock' | 'leases'>) {
  return async function paymentSucceeded(
    event: EventEnvelope<'ecommerce.payment.payment.succeeded.v1'>,
    ctx: EventHandlerContext,
  ): Promise<void> {
    const { orderId, paymentId } = event.payload;
    const result = await recordPaymentReport(deps, ctx.db, orderId.toLowerCase(), {
      kind: 'succeeded',
      paymentId,
    });
    ctx.log.info({ orderId, paymentId, result }, 'payment.succeeded handled');
  };
}
