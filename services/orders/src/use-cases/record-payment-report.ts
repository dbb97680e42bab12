/**
 * What payment's events tell the saga (payment.succeeded / payment.failed, AsyncAPI receive): a
 * charge whose synchronous answer was lost is settled from the event, inside the consumer's inbox
 * transaction. A success moves the order to COMMITTING: the request still waiting for payment's
 * answer commits it, or, if that request is gone, the saga worker does once the commit lease runs
 * out. A report about an order that already moved on changes nothing.
 */
import type pg from 'pg';
import type { PaymentReport } from '../domain/order-commands';
import { runOrderCommandIn } from './order-transaction';
import type { UseCaseDeps } from './use-case-deps';

export async function recordPaymentReport(
  deps: Pick<UseCaseDeps, 'clock' | 'leases'>,
  tx: pg.PoolClient,
  orderId: string,
  report: PaymentReport,
): Promise<'recorded' | 'unchanged' | 'unknown-order'> {
  const { state, events } = await runOrderCommandIn(deps, tx, orderId, {
    type: 'RecordPaymentReport',
    report,
  });
  if (!state) return 'unknown-order';
  return events.length === 0 ? 'unchanged' : 'recorded';
}
