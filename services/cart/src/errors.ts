/**
 * The cart's error catalog: every CART_ERR_* code of contracts/openapi/cart.yaml with its HTTP
 * status, title and the problem `type` the contract documents (errors.test.ts keeps catalog and
 * contract in step, types included).
 */
import { defineErrors } from '@bazaar/platform/errors/index';

export const cartErrors = defineErrors({
  CART_ERR_QUANTITY_LIMIT: {
    status: 409,
    title: 'Quantity limit exceeded',
    type: 'cart-quantity-limit',
  },
  CART_ERR_TOO_MANY_ITEMS: {
    status: 409,
    title: 'Too many products in the cart',
    type: 'cart-too-many-items',
  },
  CART_ERR_UNKNOWN_PRODUCT: { status: 422, title: 'Unknown product', type: 'cart-unknown-product' },
  CART_ERR_CURRENCY_MISMATCH: {
    status: 422,
    title: 'Currency mismatch',
    type: 'cart-currency-mismatch',
  },
  CART_ERR_ITEM_NOT_FOUND: {
    status: 404,
    title: 'Product not in cart',
    type: 'cart-item-not-found',
  },
  CART_ERR_CATALOG_UNAVAILABLE: {
    status: 503,
    title: 'Catalog unavailable',
    type: 'cart-catalog-unavailable',
  },
});

export type CartErrorCode = keyof typeof cartErrors.entries;
