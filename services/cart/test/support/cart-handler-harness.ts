/**
 * Runs a message through the cart's real consumer path without RabbitMQ: validated by the
 * generated registry as the consumer does, then handed to the handler of
 * src/event-handlers/subscriptions.ts inside a real transaction of a test database, through the
 * inbox (so a second delivery of the same event has no effect).
 */
import { eventRegistry } from '@bazaar/generated/events/registry';
import type { EventEnvelope } from '@bazaar/generated/events/types';
import { handleOnce, silentLogger } from '@bazaar/platform/events/index';
import type pg from 'pg';
import { cartSubscriptions } from '../../src/event-handlers/subscriptions';

type AnyHandler = (event: EventEnvelope, ctx: unknown) => Promise<void>;

/** Returns whether the handler ran (false: the inbox had already seen this event). */
export async function deliverToCart(pool: pg.Pool, message: unknown): Promise<boolean> {
  const validation = eventRegistry.validate(message);
  if (!validation.ok) {
    throw new Error(
      `the cart's consumer would dead-letter this message: ${validation.errors.join('; ')}`,
    );
  }
  const event = validation.event;
  const handler = (cartSubscriptions as unknown as Record<string, AnyHandler | undefined>)[
    event.eventType
  ];
  if (!handler) throw new Error(`cart has no handler for ${event.eventType}`);
  const outcome = await handleOnce(pool, 'cart', event, (db) =>
    handler(event, { log: silentLogger, attempt: 1, consumer: 'cart', redelivered: false, db }),
  );
  return outcome.handled;
}
