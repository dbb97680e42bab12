/**
 * Types of event handlers (platform/src/events): the context a handler receives, and the handler
 * map a service implements (generated/events/<service>/subscriptions.ts names one handler per
 * `receive` routing key and types it with EventHandlerContext).
 */
import type pg from 'pg';
import type { EventLogger } from './event-logger';

/** What every handler receives besides the event. */
export interface StatelessEventHandlerContext {
  /** The service logger; lines carry eventType, eventId, correlationId and the trace ids. */
  log: EventLogger;
  /** 1 on the first run of this message, 2 on the first retry, … */
  attempt: number;
  /** The consuming service (inbox key, queue name part). */
  consumer: string;
  /** The broker redelivered this message (a previous delivery may have had effects). */
  redelivered: boolean;
}

/** Context of a handler in a service with a database: `db` is the handler's own transaction. */
export interface EventHandlerContext extends StatelessEventHandlerContext {
  /**
   * The transaction the inbox row was written in; write the handler's effects (and any outbox
   * events) through it so they commit together, exactly once.
   */
  db: pg.PoolClient;
}

/**
 * A map routing key → handler. `event: never` accepts handlers typed with any specific envelope
 * (the consumer only calls a handler with an event the registry validated for that key).
 */
export type EventHandlerMap<H, Ctx> = { [K in keyof H]: (event: never, ctx: Ctx) => Promise<void> };
