/**
 * The orders service's error catalog (services/orders): every ORDERS_ERR_* code of
 * contracts/openapi/orders.yaml with its status, title and the problem `type` the contract's
 * examples spell; errors.test.ts keeps the two in step. SERVICE_UNAVAILABLE: a service placeOrder
 * needs (catalog, cart) could not be reached (placeOrder's 503, beside ORDERS_ERR_INVENTORY_UNAVAILABLE).
 */
import { defineErrors } from '@bazaar/platform/errors/index';

export const ordersErrors = defineErrors({
  ORDERS_ERR_ORDER_NOT_FOUND: { status: 404, title: 'Order not found' },
  ORDERS_ERR_OUT_OF_STOCK: { status: 409, title: 'Out of stock' },
  ORDERS_ERR_EMPTY_CART: { status: 422, title: 'Cart is empty' },
  ORDERS_ERR_UNKNOWN_PRODUCT: { status: 422, title: 'Unknown product' },
  ORDERS_ERR_CURRENCY_MISMATCH: { status: 422, title: 'Currency mismatch' },
  ORDERS_ERR_INVENTORY_UNAVAILABLE: { status: 503, title: 'Inventory unavailable' },
  ORDERS_ERR_PAYMENT_DECLINED: { status: 402, title: 'Payment declined' },
  ORDERS_ERR_NOT_PAYABLE: { status: 409, title: 'Order cannot be paid', type: 'order-not-payable' },
  ORDERS_ERR_PAYMENT_UNAVAILABLE: { status: 503, title: 'Payment provider unavailable' },
  ORDERS_ERR_CANCEL_FORBIDDEN: { status: 403, title: 'Cancellation not allowed' },
  ORDERS_ERR_NOT_CANCELABLE: {
    status: 409,
    title: 'Order cannot be canceled',
    type: 'order-not-cancelable',
  },
  ORDERS_ERR_NOT_FULFILLABLE: {
    status: 409,
    title: 'Order cannot be fulfilled',
    type: 'order-not-fulfillable',
  },
  SERVICE_UNAVAILABLE: { status: 503, title: 'A service orders depends on is unavailable' },
});

export type OrdersErrorCode = keyof typeof ordersErrors.entries;
