/** clearCart (DELETE /api/v1/cart): empties the caller's cart; an empty cart stays as it is. */
import type { CartHandlers } from '@bazaar/generated/http/cart/server';
import { withTransaction } from '@bazaar/platform/db/index';
import type pg from 'pg';
import { clearCart } from '../use-cases/clear-cart';
import { cartOwnerOf } from './cart-owner';

export function clearCartHandler(pool: pg.Pool): CartHandlers['clearCart'] {
  return async function clearCartHandler({ auth }, reply) {
    const userId = cartOwnerOf(auth);
    await withTransaction(pool, (tx) => clearCart(tx, userId, 'USER_REQUEST'));
    return reply(204);
  };
}
