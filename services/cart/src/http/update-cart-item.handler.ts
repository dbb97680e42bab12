/** updateCartItem (PATCH /api/v1/cart/items/{productId}): sets a line's quantity. */
import type { CartHandlers } from '@bazaar/generated/http/cart/server';
import type pg from 'pg';
import { ItemNotInCartError } from '../domain/cart-errors';
import { cartErrors } from '../errors';
import { getCart } from '../use-cases/get-cart';
import { updateCartItem } from '../use-cases/update-cart-item';
import { cartOwnerOf } from './cart-owner';
import { presentCart } from './cart.presenter';

export function updateCartItemHandler(pool: pg.Pool): CartHandlers['updateCartItem'] {
  return async function updateCartItemHandler({ auth, path, body }, reply) {
    const userId = cartOwnerOf(auth);
    const productId = path.productId.toLowerCase();
    try {
      // The contract allows no other field today, and requires at least one (minProperties).
      const stored =
        body.quantity === undefined
          ? await getCart(pool, userId)
          : await updateCartItem(pool, { userId, productId, quantity: body.quantity });
      if (!stored.cart.line(productId)) throw new ItemNotInCartError(productId);
      return reply(200, presentCart(stored));
    } catch (error) {
      if (error instanceof ItemNotInCartError)
        return reply(
          404,
          cartErrors.problem('CART_ERR_ITEM_NOT_FOUND', error.message, { productId }),
        );
      throw error;
    }
  };
}
