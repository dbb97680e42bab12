/**
 * The cart's REST operations: contract operationId → handler, the only list (the generated
 * CartHandlers type makes a missing or mistyped operation a compile error).
 */
import type { CartHandlers } from '@bazaar/generated/http/cart/server';
import type { AddCartItemDeps } from '../use-cases/add-cart-item';
import { addCartItemHandler } from './add-cart-item.handler';
import { clearCartHandler } from './clear-cart.handler';
import { getCartHandler } from './get-cart.handler';
import { removeCartItemHandler } from './remove-cart-item.handler';
import { updateCartItemHandler } from './update-cart-item.handler';

export function cartRoutes(deps: AddCartItemDeps): CartHandlers {
  return {
    getCart: getCartHandler(deps.pool),
    clearCart: clearCartHandler(deps.pool),
    addCartItem: addCartItemHandler(deps),
    updateCartItem: updateCartItemHandler(deps.pool),
    removeCartItem: removeCartItemHandler(deps.pool),
  };
}
