/**
 * payOrder (architecture §5 step 3): the order's customer pays it while it awaits payment. The
 * charge is persisted first (step CHARGING, with its key and payment method in the saga row), then
 * payment is called with a key derived from the order and the customer's Idempotency-Key, so a
 * repeat after a crash, by the customer or by the saga worker, never charges twice. Success →
 * commit → PAID; decline → 402 and the order awaits payment again; provider down → 503.
 */
import { createHash } from 'node:crypto';
import { payAccess, type Actor } from '../domain/order-access';
import type { OrderState } from '../domain/order-state';
import { loadOrder } from '../persistence/order-event-store';
import { chargePayment } from './charge-payment.step';
import { runOrderCommand } from './order-transaction';
import type { UseCaseDeps } from './use-case-deps';

export interface PayOrderInput {
  actor: Actor;
  orderId: string;
  idempotencyKey: string;
  paymentMethod: { type: 'card'; token: string };
}

export type PayOrderResult =
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'paid'; order: OrderState }
  | { kind: 'declined'; order: OrderState; paymentId: string; declineCode: string | null }
  | { kind: 'unavailable'; order: OrderState; retryAfterSeconds: number | undefined }
  /** The charge's outcome is not known yet (the order stays CHARGING until it is). */
  | { kind: 'pending'; order: OrderState }
  | { kind: 'not-payable'; detail: string };

/** The charge's Idempotency-Key at payment, from the order and the customer's key. */
export function chargeKeyOf(orderId: string, customerKey: string): string {
  const digest = createHash('sha256').update(customerKey).digest('hex').slice(0, 32);
  return `order-${orderId}-pay-${digest}`;
}

function afterCharge(order: OrderState): PayOrderResult {
  if (order.status === 'CANCELED')
    return {
      kind: 'not-payable',
      detail:
        'the reservation expired before the payment completed; the payment is refunded and the order CANCELED',
    };
  return { kind: 'paid', order };
}

export async function payOrder(deps: UseCaseDeps, input: PayOrderInput): Promise<PayOrderResult> {
  const order = await loadOrder(deps.pool, input.orderId);
  if (!order) return { kind: 'not-found' };
  const access = payAccess(input.actor, order.customerId);
  if (access === 'hidden') return { kind: 'not-found' };
  if (access === 'forbidden') return { kind: 'forbidden' };

  const attemptKey = chargeKeyOf(order.orderId, input.idempotencyKey);
  // The same pay request again, after its charge went through (its answer was lost to a crash).
  if (order.lastAttemptKey === attemptKey && order.status !== 'PENDING') return afterCharge(order);

  const intent = { attemptKey, paymentMethod: input.paymentMethod };
  const started = await runOrderCommand(
    deps,
    order.orderId,
    { type: 'StartPayment', attemptKey },
    { charge: intent },
  );
  const charging = started.state ?? order;
  const { state, charge } = await chargePayment(deps, charging, intent);
  switch (charge.kind) {
    case 'succeeded':
      return afterCharge(state);
    case 'declined':
      return {
        kind: 'declined',
        order: state,
        paymentId: charge.paymentId,
        declineCode: charge.declineCode,
      };
    case 'unavailable':
      return { kind: 'unavailable', order: state, retryAfterSeconds: charge.retryAfterSeconds };
    case 'already-paid':
    case 'unknown':
      deps.logger.warn(
        { orderId: order.orderId, outcome: charge.kind },
        'the outcome of the charge is not known yet; the order stays CHARGING',
      );
      return { kind: 'pending', order: state };
  }
}
