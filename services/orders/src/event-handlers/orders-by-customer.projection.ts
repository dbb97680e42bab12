/**
 * Builds the orders_by_customer read model from orders' own public events
 * (ecommerce.order.order.created/paid/fulfilled/canceled.v1, consumed from RabbitMQ through the
 * inbox), and nothing else. A row shows what the events say: the status, and the saga step that
 * status implies once it settles (PENDING → AWAITING_PAYMENT, PAID and FULFILLED → COMPLETED,
 * CANCELED → CLOSED; order.canceled is only published once nothing is left to undo). The replay
 * command feeds the same function with events derived from the event store.
 */
import type { EventEnvelope } from '@bazaar/generated/events/types';
import type { OrdersSendType } from '@bazaar/generated/events/orders';
import {
  advanceSummary,
  insertSummary,
  type SummaryStatus,
  type SummaryStep,
} from '../persistence/orders-by-customer.view';
import type { Queryable } from '../persistence/queryable';

/** What the projection reads of an order event (an envelope, or one derived by the replay). */
export type ProjectedEvent = Pick<
  EventEnvelope<OrdersSendType>,
  'eventType' | 'payload' | 'occurredAt'
>;

export class ProjectionOrderError extends Error {
  override readonly name = 'ProjectionOrderError';
}

const SETTLED: Record<
  Exclude<OrdersSendType, 'ecommerce.order.order.created.v1'>,
  [SummaryStatus, SummaryStep]
> = {
  'ecommerce.order.order.paid.v1': ['PAID', 'COMPLETED'],
  'ecommerce.order.order.fulfilled.v1': ['FULFILLED', 'COMPLETED'],
  'ecommerce.order.order.canceled.v1': ['CANCELED', 'CLOSED'],
};

/**
 * Applies one order event to `table`. An event about an order whose created event has not been
 * applied yet throws, so the consumer retries it after the created event (events of one order are
 * published in order, but retries can reorder them).
 */
export async function projectOrderEvent(
  db: Queryable,
  table: string,
  event: ProjectedEvent,
): Promise<void> {
  const occurredAt = new Date(event.occurredAt);
  if (event.eventType === 'ecommerce.order.order.created.v1') {
    const payload = (event as EventEnvelope<'ecommerce.order.order.created.v1'>).payload;
    await insertSummary(db, table, {
      orderId: payload.orderId,
      customerId: payload.customerId,
      status: 'PENDING',
      step: 'AWAITING_PAYMENT',
      itemCount: payload.items.reduce((units, item) => units + item.quantity, 0),
      total: payload.total,
      createdAt: new Date(payload.createdAt),
      updatedAt: occurredAt,
    });
    return;
  }
  const [status, step] = SETTLED[event.eventType];
  const applied = await advanceSummary(db, table, {
    orderId: event.payload.orderId,
    status,
    step,
    updatedAt: occurredAt,
  });
  if (!applied)
    throw new ProjectionOrderError(
      `${event.eventType} for order ${event.payload.orderId} arrived before its order.created`,
    );
}
