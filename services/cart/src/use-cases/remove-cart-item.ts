/**
 * Use case: a user takes a product's line out of their cart, emitting
 * `ecommerce.cart.cart.item_removed.v1` with the units that left.
 */
import type pg from 'pg';
import { withTransaction } from '@bazaar/platform/db/index';
import { ItemNotInCartError } from '../domain/cart-errors';
import { cartEventsIn } from '../outbound/cart-events.publisher';
import { deleteLine, lockCart, touchCarts, type StoredCart } from '../persistence/cart.repository';

/** @throws ItemNotInCartError */
export function removeCartItem(
  pool: pg.Pool,
  command: { userId: string; productId: string },
): Promise<StoredCart> {
  const { userId, productId } = command;
  return withTransaction(pool, async (tx) => {
    const stored = await lockCart(tx, userId, { create: false });
    if (!stored) throw new ItemNotInCartError(productId);
    const change = stored.cart.remove(productId);
    await deleteLine(tx, userId, productId);
    const updatedAt = await touchCarts(tx, [userId]);
    await cartEventsIn(tx).publish('ecommerce.cart.cart.item_removed.v1', {
      userId,
      productId,
      quantityRemoved: change.removed,
    });
    return { cart: stored.cart, updatedAt: updatedAt ?? stored.updatedAt };
  });
}
