/**
 * refundPayment (services/payment/src/use-cases): gives back part or all of a charged payment
 * through the provider and records the refund, the payment's new state and its event in one
 * transaction. Refunds of one payment never overlap (provider lease), so together they never
 * exceed what was paid; a retried request finds the refund its earlier attempt made.
 */
import { withTransaction } from '@bazaar/platform/db/index';
import { Deadline } from '@bazaar/platform/resilience/index';
import { addLogContext } from '@bazaar/platform/telemetry/index';
import type { Money } from '../domain/money';
import { applyRefund, type Payment } from '../domain/payment';
import { planRefund, type Refund, type RefundReason, type RefundRefusal } from '../domain/refund';
import { findPayment, findPaymentForUpdate, saveRefundedState } from '../persistence/payment-store';
import { findRefundByProviderKey, insertRefund } from '../persistence/refund-store';
import type { PaymentDeps } from './payment-deps';
import { publishRefunded } from './payment-events';
import { acquireProviderLease } from './provider-call-lease';

export interface RefundPaymentInput {
  paymentId: string;
  /** Default: everything not refunded yet. */
  amount: Money | undefined;
  reason: RefundReason;
  /** providerIdempotencyKey(...) of this request. */
  providerKey: string;
}

export type RefundPaymentResult =
  | { kind: 'refunded'; refund: Refund; payment: Payment }
  | { kind: 'not-found' }
  | { kind: 'refused'; refusal: RefundRefusal }
  | { kind: 'provider-refused'; message: string }
  | { kind: 'unavailable'; retryAfterSeconds: number };

export function refundPayment(deps: PaymentDeps) {
  const { pool, provider, clock } = deps;

  return async function refundPaymentUseCase(
    input: RefundPaymentInput,
  ): Promise<RefundPaymentResult> {
    const deadline = Deadline.after(deps.providerDeadlineMs);
    const found = await findPayment(pool, input.paymentId);
    if (!found) return { kind: 'not-found' };
    addLogContext({ orderId: found.orderId, paymentId: found.id });
    const earlier = await findRefundByProviderKey(pool, input.providerKey);
    if (earlier) return { kind: 'refunded', refund: earlier, payment: found };

    const lease = await acquireProviderLease(pool, `payment:${found.id}`, deadline, clock);
    if (!lease.held) return { kind: 'unavailable', retryAfterSeconds: lease.retryAfterSeconds };
    try {
      // Read again under the lease: an earlier refund may have finished while this one waited.
      const payment = (await findPayment(pool, found.id)) ?? found;
      const plan = planRefund(payment, input.amount);
      if (!plan.ok) return { kind: 'refused', refusal: plan.refusal };
      if (payment.providerChargeId === null)
        throw new Error(`payment ${payment.id} is ${payment.status} but has no provider charge`);
      const result = await provider.refund(
        {
          chargeId: payment.providerChargeId,
          amount: plan.amount.amount,
          idempotencyKey: input.providerKey,
        },
        deadline,
      );
      if (result.kind === 'unavailable')
        return { kind: 'unavailable', retryAfterSeconds: result.retryAfterSeconds };
      if (result.kind === 'refused') return { kind: 'provider-refused', message: result.message };

      const at = clock();
      const refund: Refund = {
        id: deps.newId(),
        paymentId: payment.id,
        amount: plan.amount,
        reason: input.reason,
        providerRefundId: result.providerRefundId,
        createdAt: at,
      };
      const updated = await withTransaction(pool, async (tx) => {
        const current = (await findPaymentForUpdate(tx, payment.id)) ?? payment;
        const next = applyRefund(current, plan.amount, at);
        await saveRefundedState(tx, next);
        await insertRefund(tx, refund, input.providerKey);
        await publishRefunded(tx, next, refund);
        await lease.held.release(tx);
        return next;
      });
      return { kind: 'refunded', refund, payment: updated };
    } finally {
      await lease.held.releaseIfHeld();
    }
  };
}
