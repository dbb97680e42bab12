/**
 * Use case: a user sets the quantity of a line in their cart. Growing it emits
 * `ecommerce.cart.cart.item_added.v1`, shrinking it `ecommerce.cart.cart.item_removed.v1`; the
 * same quantity changes nothing. The catalog is not asked: the line keeps the price the cart
 * knows (current through price events).
 */
import type pg from 'pg';
import { withTransaction } from '@bazaar/platform/db/index';
import { ItemNotInCartError } from '../domain/cart-errors';
import { cartEventsIn } from '../outbound/cart-events.publisher';
import { lockCart, saveLine, touchCarts, type StoredCart } from '../persistence/cart.repository';

export interface UpdateCartItem {
  userId: string;
  productId: string;
  quantity: number;
}

/** @throws ItemNotInCartError, QuantityLimitError */
export function updateCartItem(pool: pg.Pool, command: UpdateCartItem): Promise<StoredCart> {
  const { userId, productId, quantity } = command;
  return withTransaction(pool, async (tx) => {
    const stored = await lockCart(tx, userId, { create: false });
    if (!stored) throw new ItemNotInCartError(productId);
    const change = stored.cart.setQuantity(productId, quantity);
    if (change.kind === 'unchanged') return stored;
    await saveLine(tx, userId, productId, change.line.quantity);
    const updatedAt = await touchCarts(tx, [userId]);
    const events = cartEventsIn(tx);
    if (change.kind === 'units-added') {
      await events.publish('ecommerce.cart.cart.item_added.v1', {
        userId,
        productId,
        quantity: change.added,
        newQuantity: change.line.quantity,
        unitPrice: { ...change.line.unitPrice },
      });
    } else {
      await events.publish('ecommerce.cart.cart.item_removed.v1', {
        userId,
        productId,
        quantityRemoved: change.removed,
      });
    }
    return { cart: stored.cart, updatedAt: updatedAt ?? stored.updatedAt };
  });
}
