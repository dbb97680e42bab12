/** getOrder: the order as it is now, from its events; only its customer and admins see it. */
import { readAccess, type Actor } from '../domain/order-access';
import type { OrderState } from '../domain/order-state';
import { loadOrder } from '../persistence/order-event-store';
import type { UseCaseDeps } from './use-case-deps';

export async function getOrder(
  deps: Pick<UseCaseDeps, 'pool'>,
  actor: Actor,
  orderId: string,
): Promise<OrderState | undefined> {
  const order = await loadOrder(deps.pool, orderId);
  return order && readAccess(actor, order.customerId) === 'allowed' ? order : undefined;
}
