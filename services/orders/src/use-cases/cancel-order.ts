/**
 * cancelOrder: a customer cancels their own PENDING order, an admin any PENDING or PAID one (with
 * a full refund); another customer is forbidden. The order is CANCELED at once (step COMPENSATING)
 * and its stock released and payment refunded right away when inventory and payment answer;
 * otherwise the saga worker finishes the compensation later.
 */
import { cancelAccess, type Actor } from '../domain/order-access';
import type { OrderState } from '../domain/order-state';
import { loadOrder } from '../persistence/order-event-store';
import { compensateOrLeaveToWorker } from './compensate-order.step';
import { runOrderCommand } from './order-transaction';
import type { UseCaseDeps } from './use-case-deps';

export type CancelOrderResult =
  { kind: 'not-found' } | { kind: 'forbidden' } | { kind: 'canceled'; order: OrderState };

export async function cancelOrder(
  deps: UseCaseDeps,
  input: { actor: Actor; orderId: string; note: string | null },
): Promise<CancelOrderResult> {
  const order = await loadOrder(deps.pool, input.orderId);
  if (!order) return { kind: 'not-found' };
  const { access, by } = cancelAccess(input.actor, order.customerId);
  if (access !== 'allowed') return { kind: 'forbidden' };
  const canceled = await runOrderCommand(deps, order.orderId, {
    type: 'Cancel',
    by,
    note: input.note,
  });
  return {
    kind: 'canceled',
    order: await compensateOrLeaveToWorker(deps, canceled.state ?? order),
  };
}
