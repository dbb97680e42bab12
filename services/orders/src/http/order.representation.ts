/**
 * The contract's `Order` (contracts/openapi/orders.yaml) from the aggregate's state: status and
 * saga step side by side (the saga's internal COMMITTING shows as CHARGING), line totals, and the
 * reservation's expiry only while stock is held for an unpaid order.
 */
import type { components } from '@bazaar/generated/http/orders/types';
import { times } from '../domain/money';
import type { OrderState } from '../domain/order-state';

export type OrderBody = components['schemas']['Order'];

export function orderPath(orderId: string): string {
  return `/api/v1/orders/${orderId}`;
}

export function toOrderBody(order: OrderState): OrderBody {
  return {
    id: order.orderId,
    customerId: order.customerId,
    status: order.status,
    step: order.step === 'COMMITTING' ? 'CHARGING' : order.step,
    items: order.lines.map((line) => ({
      productId: line.productId,
      sku: line.sku,
      name: line.name,
      unitPrice: { ...line.unitPrice },
      quantity: line.quantity,
      lineTotal: times(line.unitPrice, line.quantity),
    })),
    total: { ...order.total },
    reservationExpiresAt:
      order.status === 'PENDING' && order.reservation ? order.reservation.expiresAt : null,
    payment: order.payment
      ? {
          paymentId: order.payment.paymentId,
          status: order.payment.status,
          paidAt: order.payment.paidAt,
        }
      : null,
    cancellation: order.cancellation
      ? {
          reason: order.cancellation.reason,
          note: order.cancellation.note,
          canceledAt: order.cancellation.canceledAt,
          refunded: order.cancellation.refunded,
        }
      : null,
    createdAt: order.placedAt,
    updatedAt: order.updatedAt,
    version: order.version,
  };
}
