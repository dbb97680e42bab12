/**
 * Bazaar's rules for one event message (used by validate-asyncapi.document.ts): the envelope, the
 * eventType/producer constants, the partition key and the AMQP message binding; its examples are
 * checked by validate-asyncapi.examples.ts.
 */
import type { MessageInterface } from '@asyncapi/parser';
import { checkExamples } from './validate-asyncapi.examples';
import { type MessageSchemas } from './validate-asyncapi.schema';

export type Report = (
  path: string | undefined,
  message: string,
  severity?: 'error' | 'warning',
) => void;

type Schema = Record<string, unknown>;
export type MessageContext = { address: string; service: string; messageName: string | undefined };

const ENVELOPE_FIELDS = [
  'eventId',
  'eventType',
  'occurredAt',
  'producer',
  'traceId',
  'correlationId',
  'schemaVersion',
  'partitionKey',
  'payload',
];

const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const prop = (schema: Schema, name: string): Schema | undefined => {
  const properties = schema.properties;
  return isObject(properties) && isObject(properties[name]) ? properties[name] : undefined;
};

/** Checks the message's payload schema; returns its partition-key field when it names one. */
function checkPayloadSchema(
  payload: Schema,
  message: MessageInterface,
  ctx: MessageContext,
  at: string,
  report: Report,
): string | undefined {
  const members = Array.isArray(payload.allOf) ? payload.allOf.filter(isObject) : [];
  const envelope = members.find(
    (m) =>
      Array.isArray(m.required) &&
      ENVELOPE_FIELDS.every((f) => (m.required as unknown[]).includes(f)),
  );
  if (!envelope || envelope.additionalProperties !== false) {
    report(
      `${at}.payload`,
      'payload schema must be allOf [EventEnvelope of _shared/envelope.yaml, the event-specific part]',
    );
  }
  const specific = members.filter((m) => m !== envelope);
  const eventType = specific.map((m) => prop(m, 'eventType')?.const).find((v) => v !== undefined);
  if (eventType === undefined) {
    report(`${at}.payload`, `payload schema must fix eventType with const: ${ctx.address}`);
  } else if (eventType !== ctx.address) {
    report(
      `${at}.payload`,
      `eventType const "${String(eventType)}" differs from the channel address ${ctx.address}`,
    );
  }
  const producer = specific.map((m) => prop(m, 'producer')?.const).find((v) => v !== undefined);
  if (producer !== undefined && producer !== ctx.service) {
    report(
      `${at}.payload`,
      `producer const "${String(producer)}" differs from the document's service "${ctx.service}"`,
    );
  }
  const eventPayload = specific.map((m) => prop(m, 'payload')).find((s) => s !== undefined);
  if (!eventPayload) {
    report(
      `${at}.payload`,
      'payload schema must give the event-specific schema of the envelope field `payload`',
    );
  } else if (eventPayload.additionalProperties === false) {
    report(
      `${at}.payload`,
      'event payload schemas stay open (no additionalProperties: false): consumers tolerate fields added later',
    );
  }
  const key = message.extensions().get('x-bazaar-partition-key')?.value();
  if (typeof key !== 'string') {
    report(
      `${at}.x-bazaar-partition-key`,
      'name the payload field that is the partition key in x-bazaar-partition-key',
    );
    return undefined;
  }
  const required = Array.isArray(eventPayload?.required) ? eventPayload.required : [];
  if (eventPayload && !(required.includes(key) && prop(eventPayload, key))) {
    report(
      `${at}.x-bazaar-partition-key`,
      `partition key "${key}" must be a required property of the event payload`,
    );
  }
  return key;
}

/** Checks one message of a channel this document owns, then its examples. */
export function checkMessage(
  message: MessageInterface,
  ctx: MessageContext,
  at: string,
  report: Report,
  schemas: MessageSchemas,
): void {
  if (ctx.messageName !== undefined && message.name() !== ctx.messageName) {
    report(`${at}.name`, `message name must be "${ctx.messageName}" (from ${ctx.address})`);
  }
  if (message.contentType() !== 'application/json') {
    report(
      `${at}.contentType`,
      `content type must be application/json, found ${String(message.contentType())}`,
    );
  }
  const messageType = (
    message.bindings().get('amqp')?.value() as { messageType?: unknown } | undefined
  )?.messageType;
  if (messageType !== ctx.address) {
    report(
      `${at}.bindings.amqp.messageType`,
      `amqp messageType must be the routing key ${ctx.address}, found ${JSON.stringify(messageType)}`,
    );
  }
  const headers = message.headers()?.json() as Schema | undefined;
  if (!headers || !prop(headers, 'traceparent'))
    report(`${at}.headers`, 'headers schema must define the W3C traceparent header');
  const payload = message.payload()?.json() as Schema | undefined;
  if (!payload) {
    report(`${at}.payload`, 'message has no payload schema');
    return;
  }
  const partitionKey = checkPayloadSchema(payload, message, ctx, at, report);

  checkExamples(message, { payload, headers }, { ...ctx, partitionKey }, at, report, schemas);
}
