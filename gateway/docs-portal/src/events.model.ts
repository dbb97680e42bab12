/**
 * The event catalogue's data, read from the AsyncAPI contracts (contracts/asyncapi/*.yaml) with
 * @asyncapi/parser: per event type its producer, consumers (from their `receive` operations),
 * partition key, schemas and examples; plus the shared envelope and AMQP headers.
 */
import path from 'node:path';
import {
  DiagnosticSeverity,
  fromFile,
  Parser,
  type AsyncAPIDocumentInterface,
} from '@asyncapi/parser';
import {
  ASYNCAPI_DIR,
  cleanSchema,
  listAsyncApiServices,
} from '../../../tools/codegen/lib/asyncapi-model';

type Json = Record<string, unknown>;

export interface EventConsumer {
  service: string;
  /** The consumer's durable queue (generated/events names it `bazaar.<service>`). */
  queue: string;
  operationId: string;
  /** What the consumer does with the event. */
  summary: string;
}

export interface EventExample {
  name: string;
  summary: string;
  headers?: unknown;
  payload: unknown;
}

export interface CatalogueEvent {
  eventType: string;
  title: string;
  summary: string;
  description: string;
  producer: string;
  messageName: string;
  partitionKey: string;
  schemaVersion: string;
  exchange: string;
  /** The event-specific `payload` schema. */
  payloadSchema: Json;
  examples: EventExample[];
  consumers: EventConsumer[];
}

export interface EventService {
  service: string;
  title: string;
  description: string;
  sends: string[];
  receives: string[];
}

export interface EventCatalogue {
  exchange: string;
  events: CatalogueEvent[];
  services: EventService[];
  /** The envelope every event travels in (payload left generic). */
  envelope: Json;
  /** The AMQP application headers every event carries. */
  headers: Json;
}

function payloadSchemaOf(envelope: Json, where: string): Json {
  const parts = [envelope, ...((envelope.allOf as Json[] | undefined) ?? [])];
  const payloads = parts
    .map((p) => (p.properties as Json | undefined)?.payload as Json | undefined)
    .filter((p): p is Json => !!p && ('properties' in p || 'allOf' in p || 'oneOf' in p));
  const last = payloads.at(-1);
  if (!last) throw new Error(`${where}: the message has no event-specific payload schema`);
  return last;
}

function genericEnvelopeOf(envelope: Json, where: string): Json {
  const part = ((envelope.allOf as Json[] | undefined) ?? []).find(
    (p) => (p.properties as Json | undefined)?.eventId,
  );
  if (!part)
    throw new Error(`${where}: the message payload is not built on the shared EventEnvelope`);
  return part;
}

async function parse(
  parser: Parser,
  repoRoot: string,
  source: string,
): Promise<AsyncAPIDocumentInterface> {
  const { document, diagnostics } = await fromFile(parser, path.join(repoRoot, source)).parse();
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
  if (!document || errors.length > 0)
    throw new Error(`${source}: ${errors.map((d) => d.message).join('; ') || 'not parsed'}`);
  return document;
}

/** Reads every AsyncAPI document under `repoRoot` into the catalogue. */
export async function loadEventCatalogue(repoRoot: string): Promise<EventCatalogue> {
  // The contracts gate validates the documents; here they only need parsing and resolving.
  const parser = new Parser({ ruleset: { core: false, recommended: false } });
  const services = listAsyncApiServices(repoRoot);
  if (services.length === 0)
    throw new Error(`no AsyncAPI contracts under ${repoRoot}/${ASYNCAPI_DIR}`);
  const documents = await Promise.all(
    services.map(async (service) => ({
      service,
      source: `${ASYNCAPI_DIR}/${service}.yaml`,
      document: await parse(parser, repoRoot, `${ASYNCAPI_DIR}/${service}.yaml`),
    })),
  );
  const events = new Map<string, CatalogueEvent>();
  const receives: { service: string; address: string; consumer: EventConsumer }[] = [];
  const catalogueServices: EventService[] = [];
  let envelope: Json | undefined;
  let headers: Json | undefined;
  const exchanges = new Set<string>();
  for (const { service, source, document } of documents) {
    const sends: string[] = [];
    const received: string[] = [];
    for (const operation of document.operations().all()) {
      const channel = operation.channels().all()[0];
      const address = channel?.address();
      if (!channel || !address)
        throw new Error(`${source}: operation ${operation.id()} has no channel address`);
      if (operation.action() === 'receive') {
        received.push(address);
        receives.push({
          service,
          address,
          consumer: {
            service,
            queue: `bazaar.${service}`,
            operationId: operation.id() ?? '',
            summary: operation.summary() ?? '',
          },
        });
        continue;
      }
      sends.push(address);
      const where = `${source}: ${address}`;
      const message = operation.messages().all()[0];
      if (!message) throw new Error(`${where}: the send operation names no message`);
      if (events.has(address))
        throw new Error(`${address} is sent by ${events.get(address)!.producer} and ${service}`);
      const exchange = (
        channel.bindings().get('amqp')?.value() as { exchange?: { name?: string } } | undefined
      )?.exchange?.name;
      if (!exchange) throw new Error(`${where}: the channel has no amqp exchange binding`);
      exchanges.add(exchange);
      const partitionKey = message.extensions().get('x-bazaar-partition-key')?.value();
      if (typeof partitionKey !== 'string')
        throw new Error(`${where}: message has no x-bazaar-partition-key`);
      const version = message.extensions().get('x-bazaar-schema-version')?.value();
      const fullSchema = cleanSchema(message.payload()?.json()) as Json;
      envelope ??= genericEnvelopeOf(fullSchema, where);
      headers ??= cleanSchema(message.headers()?.json()) as Json | undefined;
      events.set(address, {
        eventType: address,
        title: message.title() ?? address,
        summary: message.summary() ?? '',
        description: message.description() ?? '',
        producer: service,
        messageName: message.name() ?? message.id(),
        partitionKey,
        schemaVersion:
          typeof version === 'string' ? version : `${/\.v(\d+)$/.exec(address)?.[1] ?? '1'}.0`,
        exchange,
        payloadSchema: payloadSchemaOf(fullSchema, where),
        examples: message
          .examples()
          .all()
          .map((e, i) => ({
            name: e.name() ?? `example ${i + 1}`,
            summary: e.summary() ?? '',
            headers: e.headers(),
            payload: e.payload(),
          })),
        consumers: [],
      });
    }
    catalogueServices.push({
      service,
      title: document.info().title(),
      description: document.info().description() ?? '',
      sends: sends.sort(),
      receives: received.sort(),
    });
  }
  for (const { service, address, consumer } of receives) {
    const event = events.get(address);
    if (!event)
      throw new Error(
        `${ASYNCAPI_DIR}/${service}.yaml receives ${address}, which no document sends`,
      );
    event.consumers.push(consumer);
  }
  if (exchanges.size !== 1)
    throw new Error(`events use several exchanges: ${[...exchanges].join(', ')}`);
  if (!envelope || !headers)
    throw new Error('no event message defines the envelope and its headers');
  const sorted = [...events.values()].sort((a, b) => a.eventType.localeCompare(b.eventType));
  sorted.forEach((e) => e.consumers.sort((a, b) => a.service.localeCompare(b.service)));
  return {
    exchange: [...exchanges][0]!,
    events: sorted,
    services: catalogueServices,
    envelope,
    headers,
  };
}
