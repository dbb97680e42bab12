/**
 * Glue between the generated typed publishers (generated/events/<service>.ts) and the platform's
 * outbox: events are appended in the caller's transaction, and carry the correlation and trace
 * ids of the request or event being handled.
 */
import type pg from 'pg';
import type { EventEnvelope, EventRegistry } from '../events/envelope';
import { appendToOutbox } from '../events/outbox';
import { currentCorrelationId } from '../telemetry/log-context';
import { currentTraceIds } from '../telemetry/trace-context';

/** The ids an event inherits from what caused it: pass as `defaults` to create<Service>Publisher. */
export function eventContext(): { correlationId?: string; traceId?: string } {
  const correlationId = currentCorrelationId();
  const traceId = currentTraceIds()?.traceId;
  return { ...(correlationId ? { correlationId } : {}), ...(traceId ? { traceId } : {}) };
}

/** A publisher sink writing each event to the outbox inside `tx` (the change's own transaction). */
export function outboxSink(
  tx: pg.ClientBase,
  registry: EventRegistry,
): (event: EventEnvelope) => Promise<void> {
  return (event) => appendToOutbox(tx, [event], { registry });
}
