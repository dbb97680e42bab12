/**
 * The cart's typed event publisher bound to a transaction: events go to the outbox in the same
 * transaction as the change they report, carrying the correlation and trace ids of the request
 * or event that caused them; the platform relay publishes them to RabbitMQ.
 */
import type pg from 'pg';
import { createCartPublisher } from '@bazaar/generated/events/cart';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { eventContext, outboxSink } from '@bazaar/platform/service/index';

export type CartEventPublisher = ReturnType<typeof createCartPublisher>;

export function cartEventsIn(tx: pg.ClientBase): CartEventPublisher {
  return createCartPublisher(outboxSink(tx, eventRegistry), eventContext);
}
