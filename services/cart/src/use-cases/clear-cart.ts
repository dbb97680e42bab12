/**
 * Use case: a cart is emptied, because its owner asked (DELETE /api/v1/cart) or because an order
 * was placed from it (ecommerce.order.order.created.v1 with fromCart). Emits
 * `ecommerce.cart.cart.cleared.v1` only when there was something to remove.
 */
import type pg from 'pg';
import type { CartClearedPayload } from '@bazaar/generated/events/types';
import { cartEventsIn } from '../outbound/cart-events.publisher';
import { deleteAllLines, lockCart, touchCarts } from '../persistence/cart.repository';

export type ClearReason = CartClearedPayload['reason'];

/** Empties the cart inside `tx`; returns how many lines were removed. */
export async function clearCart(
  tx: pg.ClientBase,
  userId: string,
  reason: ClearReason,
): Promise<number> {
  const stored = await lockCart(tx, userId, { create: false });
  if (!stored) return 0;
  const removed = stored.cart.clear();
  if (removed.length === 0) return 0;
  await deleteAllLines(tx, userId);
  await touchCarts(tx, [userId]);
  await cartEventsIn(tx).publish('ecommerce.cart.cart.cleared.v1', { userId, reason });
  return removed.length;
}
