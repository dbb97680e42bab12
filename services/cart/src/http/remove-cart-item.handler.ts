/** removeCartItem (DELETE /api/v1/cart/items/{productId}): takes a product's line out. */
import type { CartHandlers } from '@bazaar/generated/http/cart/server';
import type pg from 'pg';
import { ItemNotInCartError } from '../domain/cart-errors';
import { cartErrors } from '../errors';
import { removeCartItem } from '../use-cases/remove-cart-item';
import { cartOwnerOf } from './cart-owner';
import { presentCart } from './cart.presenter';

export function removeCartItemHandler(pool: pg.Pool): CartHandlers['removeCartItem'] {
  return async function removeCartItemHandler({ auth, path }, reply) {
    const productId = path.productId.toLowerCase();
    try {
      return reply(
        200,
        presentCart(await removeCartItem(pool, { userId: cartOwnerOf(auth), productId })),
      );
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
