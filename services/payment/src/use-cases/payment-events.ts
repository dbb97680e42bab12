/**
 * The events payment publishes (contracts/asyncapi/payment.yaml), appended to the outbox inside
 * the transaction that records the change they report (services/payment/src/use-cases), carrying
 * the request's correlation and trace ids.
 */
import type pg from 'pg';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { createPaymentPublisher } from '@bazaar/generated/events/payment';
import { eventContext, outboxSink } from '@bazaar/platform/service/index';
import type { Payment } from '../domain/payment';
import type { Refund } from '../domain/refund';

function publisher(tx: pg.PoolClient) {
  return createPaymentPublisher(outboxSink(tx, eventRegistry), eventContext);
}

/** `payment.succeeded` or `payment.failed` for a payment just recorded. */
export async function publishChargeSettled(tx: pg.PoolClient, payment: Payment): Promise<void> {
  const common = {
    paymentId: payment.id,
    orderId: payment.orderId,
    customerId: payment.customerId,
    amount: payment.amount,
    attempts: payment.attempts,
  };
  if (payment.status === 'FAILED') {
    await publisher(tx).publish('ecommerce.payment.payment.failed.v1', {
      ...common,
      reason: payment.failureReason ?? 'PROVIDER_UNAVAILABLE',
      declineCode: payment.declineCode,
      failedAt: payment.updatedAt.toISOString(),
    });
    return;
  }
  await publisher(tx).publish('ecommerce.payment.payment.succeeded.v1', {
    ...common,
    succeededAt: payment.updatedAt.toISOString(),
  });
}

/** `payment.refunded` for a refund just recorded; `payment` is the payment after it. */
export async function publishRefunded(
  tx: pg.PoolClient,
  payment: Payment,
  refund: Refund,
): Promise<void> {
  await publisher(tx).publish('ecommerce.payment.payment.refunded.v1', {
    paymentId: payment.id,
    refundId: refund.id,
    orderId: payment.orderId,
    customerId: payment.customerId,
    amount: refund.amount,
    reason: refund.reason,
    fullyRefunded: payment.status === 'REFUNDED',
    refundedAt: refund.createdAt.toISOString(),
  });
}
