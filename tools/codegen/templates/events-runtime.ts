/**
 * Runtime behind the generated event registry (generated/events/): validates envelopes against
 * their AsyncAPI schemas with ajv, builds typed envelopes for publishing (ids, trace, partition
 * key), and types the handler map each consuming service implements.
 */
import { randomUUID } from 'node:crypto';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** What the registry knows of one event type. */
export interface EventDefinition {
  /** The service whose AsyncAPI document sends it. */
  producer: string;
  /** The payload field whose value is the envelope's partitionKey (the aggregate id). */
  partitionKey: string;
  /** `<major>.<minor>` of the payload schema written into every envelope. */
  schemaVersion: string;
  /** JSON Schema of the whole envelope with this event's payload. */
  schema: object;
}

export type ValidationResult<Envelope> =
  | { ok: true; event: Envelope }
  | {
      ok: false;
      reason: 'not-json' | 'not-an-envelope' | 'unknown-type' | 'schema';
      errors: string[];
    };

/** Validates any value as one of the registry's events: envelope shape, known type, its schema. */
export function createEventValidator<Envelope extends { eventType: string }>(
  definitions: Readonly<Record<string, EventDefinition>>,
): (value: unknown) => ValidationResult<Envelope> {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  const compiled = new Map<string, ValidateFunction>();
  const validatorFor = (type: string): ValidateFunction => {
    let validate = compiled.get(type);
    if (!validate) {
      validate = ajv.compile(definitions[type]!.schema);
      compiled.set(type, validate);
    }
    return validate;
  };
  return (value) => {
    if (
      typeof value !== 'object' ||
      value === null ||
      Array.isArray(value) ||
      typeof (value as { eventType?: unknown }).eventType !== 'string'
    ) {
      return {
        ok: false,
        reason: 'not-an-envelope',
        errors: ['an event is a JSON object with a string eventType'],
      };
    }
    const type = (value as { eventType: string }).eventType;
    if (!Object.hasOwn(definitions, type))
      return { ok: false, reason: 'unknown-type', errors: [`unknown event type ${type}`] };
    const validate = validatorFor(type);
    if (validate(value)) return { ok: true, event: value as Envelope };
    const errors = (validate.errors ?? []).map(
      (e) =>
        `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
    );
    return { ok: false, reason: 'schema', errors };
  };
}

/** Parses raw message bytes as JSON, then validates them as an event. */
export function createEventParser<Envelope extends { eventType: string }>(
  validate: (value: unknown) => ValidationResult<Envelope>,
): (raw: Buffer | string) => ValidationResult<Envelope> {
  return (raw) => {
    let value: unknown;
    try {
      value = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
    } catch (error) {
      return { ok: false, reason: 'not-json', errors: [(error as Error).message] };
    }
    return validate(value);
  };
}

/** Context every published event carries, usually taken from the current request or message. */
export interface EventMetadata {
  correlationId?: string;
  /** W3C trace id (32 lower-case hex) of the span that caused the event. */
  traceId?: string;
  occurredAt?: Date;
  /** Defaults to the payload's partition-key field. */
  partitionKey?: string;
}

/** Thrown when a producer tries to publish an event its own contract forbids: a bug, not bad input. */
export class EventContractError extends Error {
  constructor(
    readonly eventType: string,
    readonly errors: string[],
  ) {
    super(`${eventType} does not match its AsyncAPI schema: ${errors.join('; ')}`);
    this.name = 'EventContractError';
  }
}

const NO_TRACE = '00000000000000000000000000000000';

/**
 * Builds a validated envelope for `type`. `defaults` supplies correlation and trace ids when the
 * caller gives none (e.g. from the current request context).
 */
export function buildEnvelope<Envelope extends { eventType: string }>(
  definitions: Readonly<Record<string, EventDefinition>>,
  validate: (value: unknown) => ValidationResult<Envelope>,
  type: string,
  payload: object,
  metadata: EventMetadata,
  defaults: () => { correlationId?: string; traceId?: string } = () => ({}),
): Envelope {
  const definition = definitions[type];
  if (!definition) throw new EventContractError(type, ['unknown event type']);
  const fallback = defaults();
  const eventId = randomUUID();
  const partitionKey =
    metadata.partitionKey ?? (payload as Record<string, unknown>)[definition.partitionKey];
  const envelope = {
    eventId,
    eventType: type,
    occurredAt: (metadata.occurredAt ?? new Date()).toISOString(),
    producer: definition.producer,
    traceId: metadata.traceId ?? fallback.traceId ?? NO_TRACE,
    correlationId: metadata.correlationId ?? fallback.correlationId ?? eventId,
    schemaVersion: definition.schemaVersion,
    partitionKey: typeof partitionKey === 'string' ? partitionKey : '',
    payload,
  };
  const result = validate(envelope);
  if (!result.ok) throw new EventContractError(type, result.errors);
  return result.event;
}
