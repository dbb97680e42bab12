/**
 * Collects the events one use-case transaction reports (typed by the generated inventory
 * publisher) and appends them to the transactional outbox together, as the transaction's last
 * step. Appending last, in one call, means the outbox's per-partition locks are taken after every
 * stock row lock and in one sorted order, so they cannot deadlock with another transaction.
 */
import { createInventoryPublisher } from '@bazaar/generated/events/inventory';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { appendToOutbox, type EventEnvelope } from '@bazaar/platform/events/index';
import { eventContext } from '@bazaar/platform/service/index';
import type pg from 'pg';

export interface EventBatch {
  /** The typed publish of inventory's events; only collects until `appendTo`. */
  readonly publish: ReturnType<typeof createInventoryPublisher>['publish'];
  readonly events: readonly EventEnvelope[];
  /** Writes the collected events to the outbox through `tx` (the change's own transaction). */
  appendTo(tx: pg.ClientBase): Promise<void>;
}

export function createEventBatch(): EventBatch {
  const events: EventEnvelope[] = [];
  const publisher = createInventoryPublisher(async (event) => {
    events.push(event);
  }, eventContext);
  return {
    publish: publisher.publish,
    events,
    appendTo: (tx) => appendToOutbox(tx, events, { registry: eventRegistry }),
  };
}

/** The item lists of stock.reserved / stock.released have at least one entry (minItems: 1). */
export function nonEmpty<T>(items: readonly T[]): [T, ...T[]] {
  const [first, ...rest] = items;
  if (first === undefined) throw new Error('an event item list must not be empty');
  return [first, ...rest];
}
