/** getCart (GET /api/v1/cart): the caller's cart, without asking the catalog. */
import type { CartHandlers } from '@bazaar/generated/http/cart/server';
import type pg from 'pg';
import { getCart } from '../use-cases/get-cart';
import { cartOwnerOf } from './cart-owner';
import { presentCart } from './cart.presenter';

export function getCartHandler(pool: pg.Pool): CartHandlers['getCart'] {
  return async function getCartHandler({ auth }, reply) {
    return reply(200, presentCart(await getCart(pool, cartOwnerOf(auth))));
  };
}
