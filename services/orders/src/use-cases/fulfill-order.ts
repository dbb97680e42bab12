/** fulfillOrder (admin; the binding checks the role): a PAID order becomes FULFILLED. */
import type { OrderState } from '../domain/order-state';
import { loadOrder } from '../persistence/order-event-store';
import { runOrderCommand } from './order-transaction';
import type { UseCaseDeps } from './use-case-deps';

export async function fulfillOrder(
  deps: UseCaseDeps,
  orderId: string,
): Promise<{ kind: 'not-found' } | { kind: 'fulfilled'; order: OrderState }> {
  if (!(await loadOrder(deps.pool, orderId))) return { kind: 'not-found' };
  const result = await runOrderCommand(deps, orderId, { type: 'Fulfill' });
  return { kind: 'fulfilled', order: result.state! };
}
