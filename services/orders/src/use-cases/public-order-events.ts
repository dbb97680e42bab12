/**
 * The public order events (contracts/asyncapi/orders.yaml) each domain event leads to: OrderPlaced
 * → order.created, OrderPaid → order.paid, OrderFulfilled → order.fulfilled, and the change that
 * CLOSES a canceled order (nothing left to release or refund) → order.canceled, so its `refunded`
 * is a fact, not a promise. Used in the transaction that appends the domain events (the outbox)
 * and by the read-model replay, which must derive exactly the same events.
 */
import type { EventPayloads } from '@bazaar/generated/events/types';
import type { OrdersSendType } from '@bazaar/generated/events/orders';
import type { OrderEvent } from '../domain/order-events';
import { times } from '../domain/money';
import type { OrderState } from '../domain/order-state';

export type PublicOrderEvent = {
  [T in OrdersSendType]: { type: T; payload: EventPayloads[T]; occurredAt: string };
}[OrdersSendType];

type NonEmpty<T> = [T, ...T[]];

function nonEmpty<T>(items: readonly T[], what: string): NonEmpty<T> {
  if (items.length === 0) throw new Error(`an order event needs at least one ${what}`);
  return items as NonEmpty<T>;
}

function quantities(state: OrderState) {
  return nonEmpty(
    state.lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
    'item',
  );
}

/**
 * The public reason of a cancellation. The event's enum has no RESERVATION_FAILED (inventory could
 * not be reached): it is published as OUT_OF_STOCK, which the contract describes as "stock could
 * not be reserved"; the order itself (getOrder) keeps the precise reason.
 */
function publicReason(
  reason: NonNullable<OrderState['cancellation']>['reason'],
): EventPayloads['ecommerce.order.order.canceled.v1']['reason'] {
  return reason === 'RESERVATION_FAILED' ? 'OUT_OF_STOCK' : reason;
}

export function publicEventsFor(
  before: OrderState | undefined,
  event: OrderEvent,
  after: OrderState,
): PublicOrderEvent[] {
  const occurredAt = event.at;
  switch (event.type) {
    case 'OrderPlaced':
      return [
        {
          type: 'ecommerce.order.order.created.v1',
          occurredAt,
          payload: {
            orderId: after.orderId,
            customerId: after.customerId,
            items: nonEmpty(
              after.lines.map((line) => ({
                productId: line.productId,
                sku: line.sku,
                name: line.name,
                quantity: line.quantity,
                unitPrice: { ...line.unitPrice },
                lineTotal: times(line.unitPrice, line.quantity),
              })),
              'item',
            ),
            total: { ...after.total },
            fromCart: after.fromCart,
            createdAt: after.placedAt,
          },
        },
      ];
    case 'OrderPaid':
      if (!after.payment) throw new Error(`order ${after.orderId} is PAID without a payment`);
      return [
        {
          type: 'ecommerce.order.order.paid.v1',
          occurredAt,
          payload: {
            orderId: after.orderId,
            customerId: after.customerId,
            paymentId: after.payment.paymentId,
            amount: { ...after.total },
            items: quantities(after),
            paidAt: occurredAt,
          },
        },
      ];
    case 'OrderFulfilled':
      return [
        {
          type: 'ecommerce.order.order.fulfilled.v1',
          occurredAt,
          payload: {
            orderId: after.orderId,
            customerId: after.customerId,
            fulfilledAt: occurredAt,
          },
        },
      ];
    default:
      if (after.step !== 'CLOSED' || before?.step === 'CLOSED' || !after.cancellation) return [];
      return [
        {
          type: 'ecommerce.order.order.canceled.v1',
          occurredAt,
          payload: {
            orderId: after.orderId,
            customerId: after.customerId,
            reason: publicReason(after.cancellation.reason),
            previousStatus: after.cancellation.previousStatus,
            refunded: after.cancellation.refunded,
            items: quantities(after),
            canceledAt: after.cancellation.canceledAt,
          },
        },
      ];
  }
}

/** The public events of a whole history, in order (the replay's input). */
export function publicEventsOfHistory(
  orderId: string,
  events: readonly OrderEvent[],
  evolve: (state: OrderState | undefined, event: OrderEvent, orderId: string) => OrderState,
): PublicOrderEvent[] {
  let state: OrderState | undefined;
  const published: PublicOrderEvent[] = [];
  for (const event of events) {
    const next = evolve(state, event, orderId);
    published.push(...publicEventsFor(state, event, next));
    state = next;
  }
  return published;
}
