/**
 * contracts/asyncapi → generated/events/: one JSON Schema per event type, payload and envelope
 * types (json-schema-to-typescript), the typed registry (validate, parse, build) and, per service,
 * the events it sends (a typed publisher) and receives (the handler map it must implement).
 */
import { compile } from 'json-schema-to-typescript';
import { type GeneratedFiles, headerFor } from './lib/generated-files';
import { camelCase, pascalCase } from './lib/openapi-model';
import type { EventContracts, EventModel, ServiceEvents } from './lib/asyncapi-model';
import { addTemplate } from './generate-http';

const GENERATOR = 'generate-events.ts';
const SOURCE = 'contracts/asyncapi/*.yaml';
type Json = Record<string, unknown>;

/** The envelope's own fields (allOf[0]) and the event's payload (allOf[n].properties.payload). */
function splitEnvelope(event: EventModel): { fields: Json; payload: Json } {
  const parts = (event.envelopeSchema.allOf as Json[] | undefined) ?? [event.envelopeSchema];
  const fields = parts.find((p) => p.required && (p.required as string[]).includes('eventId'));
  const payload = parts
    .map((p) => (p.properties as Json | undefined)?.payload as Json | undefined)
    .reverse()
    .find((p) => p && p.type === 'object');
  if (!fields || !payload)
    throw new Error(
      `${event.eventType}: the message payload must be allOf [EventEnvelope, { properties: { payload } }]`,
    );
  return { fields, payload };
}

/** Makes equal sub-schemas with the same title one object, so each named type is declared once. */
function shareNamedSchemas(roots: Json[]): void {
  const seen = new Map<string, Json>();
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    for (const [key, value] of Object.entries(node)) (node as Json)[key] = visit(value);
    const title = (node as Json).title;
    if (typeof title !== 'string') return node;
    const key = `${title}\u0000${JSON.stringify(node)}`;
    if (!seen.has(key)) seen.set(key, node as Json);
    return seen.get(key);
  };
  roots.forEach(visit);
}

/** Drops json-schema-to-typescript's empty root type and its "referenced by" comment lines. */
function withoutJsttNoise(declarations: string): string {
  return declarations
    .replace(/export interface BazaarEventTypes \{\s*\}\n?/, '')
    .split('\n')
    .filter((line) => !/^ \* (This interface was referenced by|via the `definition`)/.test(line))
    .join('\n')
    .replace(/\n \* *\n \*\//g, '\n */');
}

async function typesModule(contracts: EventContracts): Promise<string> {
  const definitions: Json = {};
  const payloadNames = new Map<string, string>();
  let envelopeFields: Json | undefined;
  for (const event of contracts.events) {
    const { fields, payload } = splitEnvelope(event);
    const name = `${event.messageName}Payload`;
    payloadNames.set(event.eventType, name);
    definitions[name] = { ...structuredClone(payload), title: name };
    envelopeFields ??= { ...structuredClone(fields), title: 'EventEnvelopeFields' };
  }
  if (!envelopeFields) return '';
  definitions.EventEnvelopeFields = envelopeFields;
  shareNamedSchemas(Object.values(definitions) as Json[]);
  const root = {
    title: 'BazaarEventTypes',
    type: 'object',
    definitions,
    additionalProperties: false,
  } as Parameters<typeof compile>[0];
  const declarations = await compile(root, 'BazaarEventTypes', {
    bannerComment: '',
    format: false,
    unreachableDefinitions: true,
    // Types are closed so producers cannot add fields by mistake; at run time consumers still
    // accept fields added later (the schemas leave payloads open).
    additionalProperties: false,
    unknownAny: true,
    strictIndexSignatures: true,
  });
  const map = contracts.events
    .map((e) => `  ${JSON.stringify(e.eventType)}: ${payloadNames.get(e.eventType)};`)
    .join('\n');
  return `/** Payload and envelope types of every Bazaar event, from the AsyncAPI contracts. */
${withoutJsttNoise(declarations)}
/** Event type (= routing key) → its payload. */
export interface EventPayloads {
${map}
}

export type EventType = keyof EventPayloads;

/** The envelope of an event of type T, with T's payload. */
export type EventEnvelope<T extends EventType = EventType> = Omit<EventEnvelopeFields, 'eventType' | 'payload'> & {
  eventType: T;
  payload: EventPayloads[T];
};

/** Any Bazaar event, discriminated by \`eventType\`. */
export type AnyEventEnvelope = { [T in EventType]: EventEnvelope<T> }[EventType];
`;
}

const schemaIdentifier = (eventType: string) =>
  `${camelCase(eventType.replace(/^ecommerce\./, '').replace(/[._]/g, '-'))}Schema`;

function registryModule(contracts: EventContracts): string {
  const imports = contracts.events
    .map((e) => `import ${schemaIdentifier(e.eventType)} from './schemas/${e.eventType}.json';`)
    .join('\n');
  const entries = contracts.events
    .map(
      (e) =>
        `  ${JSON.stringify(e.eventType)}: { producer: ${JSON.stringify(e.producer)}, partitionKey: ${JSON.stringify(e.partitionKey)}, schemaVersion: ${JSON.stringify(e.schemaVersion)}, schema: ${schemaIdentifier(e.eventType)} },`,
    )
    .join('\n');
  return `/**
 * The registry of every Bazaar event: its producer, partition key and JSON Schema; validation of
 * incoming messages (ajv) and construction of validated envelopes for publishing.
 */
import {
  type EventDefinition,
  type EventMetadata,
  buildEnvelope,
  createEventParser,
  createEventValidator,
} from './runtime/events-runtime';
import type { AnyEventEnvelope, EventEnvelope, EventPayloads, EventType } from './types';
${imports}

export const eventDefinitions: Readonly<Record<EventType, EventDefinition>> = {
${entries}
};

export const EVENT_TYPES = Object.keys(eventDefinitions).sort() as EventType[];

/** Validates a decoded message: envelope shape, known type, that type's schema. */
export const validateEvent = createEventValidator<AnyEventEnvelope>(eventDefinitions);

/** Parses raw message bytes (JSON), then validates them. */
export const parseEvent = createEventParser(validateEvent);

/** Builds a validated envelope; throws EventContractError when the payload breaks the contract. */
export function buildEvent<T extends EventType>(
  type: T,
  payload: EventPayloads[T],
  metadata: EventMetadata = {},
  defaults?: () => { correlationId?: string; traceId?: string },
): EventEnvelope<T> {
  return buildEnvelope(eventDefinitions, validateEvent, type, payload, metadata, defaults) as EventEnvelope<T>;
}

export const eventRegistry = { types: EVENT_TYPES, validate: validateEvent, parse: parseEvent };
`;
}

function serviceModule(service: ServiceEvents): string {
  const name = pascalCase(service.service);
  const lower = camelCase(service.service);
  const list = (types: string[]) => `[${types.map((t) => JSON.stringify(t)).join(', ')}]`;
  const sends = service.sends.length > 0;
  const receives = service.receives.length > 0;
  return `/**
 * The events ${service.service} sends and receives, from ${service.source}. Its queue
 * \`bazaar.${service.service}\` is bound to exactly the receive list.
 */
import type { EventMetadata } from './runtime/events-runtime';
import { buildEvent } from './registry';
import type { EventEnvelope, EventPayloads } from './types';

export const ${lower}Events = {
  service: ${JSON.stringify(service.service)},
  queue: ${JSON.stringify(`bazaar.${service.service}`)},
  sends: ${list(service.sends)} as const,
  receives: ${list(service.receives)} as const,
};

export type ${name}SendType = (typeof ${lower}Events.sends)[number];
export type ${name}ReceiveType = (typeof ${lower}Events.receives)[number];
${
  receives
    ? `
/** One handler per event ${service.service} receives: the compiler lists a missing one. */
export type ${name}Subscriptions<Context> = {
  [T in ${name}ReceiveType]: (event: EventEnvelope<T>, context: Context) => Promise<void>;
};
`
    : ''
}${
    sends
      ? `
/** Builds a validated envelope for an event ${service.service} sends; other event types do not compile. */
export function build${name}Event<T extends ${name}SendType>(type: T, payload: EventPayloads[T], metadata?: EventMetadata): EventEnvelope<T> {
  return buildEvent(type, payload, metadata);
}

/**
 * A publisher for the events of ${service.service}: \`publish(type, payload)\` accepts only the payload of
 * that type, builds and validates the envelope and hands it to \`sink\` (usually the outbox,
 * inside the transaction of the change the event reports).
 */
export function create${name}Publisher(
  sink: (event: EventEnvelope<${name}SendType>) => Promise<void>,
  defaults?: () => { correlationId?: string; traceId?: string },
) {
  return {
    async publish<T extends ${name}SendType>(type: T, payload: EventPayloads[T], metadata?: EventMetadata): Promise<EventEnvelope<T>> {
      const event = buildEvent(type, payload, metadata, defaults);
      await sink(event as EventEnvelope<${name}SendType>);
      return event;
    },
  };
}
`
      : ''
  }`;
}

export async function generateEvents(
  files: GeneratedFiles,
  contracts: EventContracts,
): Promise<void> {
  if (contracts.events.length === 0) return;
  const header = headerFor(GENERATOR, SOURCE);
  await addTemplate(files, 'events-runtime.ts', 'events/runtime/events-runtime.ts');
  for (const event of contracts.events) {
    await files.add(
      `events/schemas/${event.eventType}.json`,
      JSON.stringify({ $comment: header, ...event.envelopeSchema }, null, 2),
      { pretty: false },
    );
  }
  await files.addTs('events/types.ts', header, await typesModule(contracts));
  await files.addTs('events/registry.ts', header, registryModule(contracts));
  for (const service of contracts.services) {
    await files.addTs(
      `events/${service.service}.ts`,
      headerFor(GENERATOR, service.source),
      serviceModule(service),
    );
  }
}
