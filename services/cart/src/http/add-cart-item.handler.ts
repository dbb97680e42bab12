/**
 * addCartItem (POST /api/v1/cart/items): adds units of a product, answering each refusal with
 * its CART_ERR_* problem (409 limits, 422 unknown product or other currency, 503 catalog down
 * with Retry-After).
 */
import type { CartHandlers } from '@bazaar/generated/http/cart/server';
import {
  CurrencyMismatchError,
  QuantityLimitError,
  TooManyProductsError,
  UnknownProductError,
} from '../domain/cart-errors';
import { cartErrors } from '../errors';
import { CatalogUnavailableError } from '../outbound/catalog.http-client';
import { addCartItem, type AddCartItemDeps } from '../use-cases/add-cart-item';
import { cartOwnerOf } from './cart-owner';
import { presentCart } from './cart.presenter';

export function addCartItemHandler(deps: AddCartItemDeps): CartHandlers['addCartItem'] {
  return async function addCartItemHandler({ auth, body }, reply) {
    // UUIDs compare as text in the domain; the database and the catalog write them lower-case.
    const productId = body.productId.toLowerCase();
    const command = { userId: cartOwnerOf(auth), productId, quantity: body.quantity };
    try {
      return reply(200, presentCart(await addCartItem(deps, command)));
    } catch (error) {
      if (error instanceof QuantityLimitError)
        return reply(
          409,
          cartErrors.problem('CART_ERR_QUANTITY_LIMIT', error.message, { productId }),
        );
      if (error instanceof TooManyProductsError)
        return reply(
          409,
          cartErrors.problem('CART_ERR_TOO_MANY_ITEMS', error.message, { productId }),
        );
      if (error instanceof UnknownProductError)
        return reply(
          422,
          cartErrors.problem('CART_ERR_UNKNOWN_PRODUCT', error.message, { productId }),
        );
      if (error instanceof CurrencyMismatchError)
        return reply(
          422,
          cartErrors.problem('CART_ERR_CURRENCY_MISMATCH', error.message, { productId }),
        );
      if (error instanceof CatalogUnavailableError) {
        const seconds = String(error.retryAfterSeconds);
        return reply(
          503,
          cartErrors.problem(
            'CART_ERR_CATALOG_UNAVAILABLE',
            `the catalog could not be asked for product ${productId}; nothing was changed, retry after ${seconds} s`,
          ),
          { 'Retry-After': seconds },
        );
      }
      throw error;
    }
  };
}
