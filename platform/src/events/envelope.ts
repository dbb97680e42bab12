/**
 * The event envelope and the event-registry contract the generated code implements
 * (contracts/asyncapi/_shared/envelope.yaml; generated/events/<service>/), plus `createEnvelope`,
 * which fills in the fields a producer should not hand-write.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';

/** Every Bazaar event, as published on `bazaar.events` (architecture §6). */
export interface EventEnvelope<T extends string = string, P = unknown> {
  /** uuid; also the AMQP messageId and the inbox key. */
  eventId: string;
  /** Routing key and AMQP `type`: `ecommerce.<context>.<aggregate>.<event>.v<major>`. */
  eventType: T;
  /** RFC 3339 UTC instant of the change. */
  occurredAt: string;
  /** The publishing service. */
  producer: string;
  /** W3C trace id, 32 lower-case hex digits. */
  traceId: string;
  correlationId: string;
  /** `<major>.<minor>` of the payload schema. */
  schemaVersion: string;
  /** The aggregate id; the relay publishes one key's events in commit order. */
  partitionKey: string;
  payload: P;
}

/** Why a message is not a valid event (each becomes the dead-letter reason). */
export type EventRejection = 'not-json' | 'not-an-envelope' | 'unknown-type' | 'schema';

export type EventValidation =
  { ok: true; event: EventEnvelope } | { ok: false; reason: EventRejection; errors: string[] };

/**
 * What the generated registry provides: validation of a parsed JSON value against the envelope
 * and the schema of its `eventType`, and the list of known types.
 */
export interface EventRegistry {
  validate(value: unknown): EventValidation;
  readonly types: readonly string[];
}

export interface CreateEnvelopeInput<T extends string, P> {
  eventType: T;
  payload: P;
  producer: string;
  partitionKey: string;
  schemaVersion: string;
  /** The causing request's or event's correlation id; a new uuid when absent. */
  correlationId?: string;
  /** Default: now. */
  occurredAt?: Date;
  /** Default: a new uuid. */
  eventId?: string;
}

/**
 * Builds an envelope; `traceId` is the active span's trace id, or a fresh random one when tracing
 * is off, so that every event can still be followed through the logs.
 */
export function createEnvelope<T extends string, P>(
  input: CreateEnvelopeInput<T, P>,
): EventEnvelope<T, P> {
  const span = trace.getSpanContext(context.active());
  return {
    eventId: input.eventId ?? randomUUID(),
    eventType: input.eventType,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    producer: input.producer,
    traceId: span && isSpanContextValid(span) ? span.traceId : randomBytes(16).toString('hex'),
    correlationId: input.correlationId ?? randomUUID(),
    schemaVersion: input.schemaVersion,
    partitionKey: input.partitionKey,
    payload: input.payload,
  };
}
