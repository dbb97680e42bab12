/**
 * How an event becomes an AMQP message (platform/src/events; contracts/asyncapi/_shared/
 * envelope.yaml): routing key = eventType, messageId = eventId, type = eventType, persistent JSON,
 * with `traceparent`/`tracestate` and `correlationId` headers.
 */
import type { Options } from 'amqplib';
import type { EventEnvelope } from './envelope';
import { traceHeadersFor } from './trace-headers';

/** One message ready for `channel.publish` on the events exchange. */
export interface OutgoingEvent {
  routingKey: string;
  content: Buffer;
  options: Options.Publish;
}

/** The headers stored with an event when it is appended (trace of the producing request). */
export function eventHeaders(event: EventEnvelope): Record<string, string> {
  return { ...traceHeadersFor(event.traceId), correlationId: event.correlationId };
}

export interface StoredEvent {
  eventId: string;
  eventType: string;
  /** The serialised envelope. */
  message: string;
  headers: Record<string, unknown>;
  occurredAt: Date;
}

/** The AMQP message for an event that was serialised (and its headers captured) earlier. */
export function toOutgoingEvent(stored: StoredEvent): OutgoingEvent {
  const correlationId = stored.headers['correlationId'];
  return {
    routingKey: stored.eventType,
    content: Buffer.from(stored.message, 'utf8'),
    options: {
      persistent: true,
      messageId: stored.eventId,
      type: stored.eventType,
      contentType: 'application/json',
      timestamp: Math.floor(stored.occurredAt.getTime() / 1000),
      correlationId: typeof correlationId === 'string' ? correlationId : undefined,
      headers: stored.headers,
    },
  };
}

/** The AMQP message for an envelope published directly (no outbox). */
export function envelopeToOutgoingEvent(event: EventEnvelope): OutgoingEvent {
  return toOutgoingEvent({
    eventId: event.eventId,
    eventType: event.eventType,
    message: JSON.stringify(event),
    headers: eventHeaders(event),
    occurredAt: new Date(event.occurredAt),
  });
}
