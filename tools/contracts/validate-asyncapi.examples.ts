/**
 * Checks the examples of one event message (for validate-asyncapi.message.ts): each must validate
 * against the message's payload and headers schemas and agree with its channel and document
 * (eventType, producer, partition key, schema major version, trace and correlation ids).
 */
import type { MessageExampleInterface, MessageInterface } from '@asyncapi/parser';
import type { MessageContext, Report } from './validate-asyncapi.message';
import { describeErrors, type MessageSchemas } from './validate-asyncapi.schema';

type ExampleContext = MessageContext & { partitionKey: string | undefined };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkExampleAgreement(
  example: MessageExampleInterface,
  ctx: ExampleContext,
  where: string,
  report: Report,
): void {
  const { partitionKey } = ctx;
  const body = example.payload();
  if (!isObject(body)) return;
  const label = `example ${JSON.stringify(example.name() ?? where)}`;
  if (body.producer !== ctx.service) {
    report(
      `${where}.payload.producer`,
      `${label}: producer "${String(body.producer)}" must be the service that owns this document, "${ctx.service}"`,
    );
  }
  if (body.eventType !== ctx.address) {
    report(
      `${where}.payload.eventType`,
      `${label}: eventType "${String(body.eventType)}" must be the channel address ${ctx.address}`,
    );
  }
  if (partitionKey && isObject(body.payload) && body.partitionKey !== body.payload[partitionKey]) {
    report(
      `${where}.payload.partitionKey`,
      `${label}: partitionKey must equal payload.${partitionKey}`,
    );
  }
  const major = /\.v([0-9]+)$/.exec(ctx.address)?.[1];
  if (typeof body.schemaVersion === 'string' && body.schemaVersion.split('.')[0] !== major) {
    report(
      `${where}.payload.schemaVersion`,
      `${label}: schemaVersion ${body.schemaVersion} must have the major version of ${ctx.address}`,
    );
  }
  const headers = example.headers() ?? {};
  const traceparent = headers.traceparent;
  if (typeof traceparent === 'string' && traceparent.split('-')[1] !== body.traceId) {
    report(
      `${where}.headers.traceparent`,
      `${label}: the trace-id in traceparent must equal the envelope's traceId`,
    );
  }
  if (headers.correlationId !== undefined && headers.correlationId !== body.correlationId) {
    report(
      `${where}.headers.correlationId`,
      `${label}: the correlationId header must equal the envelope's correlationId`,
    );
  }
}

/** Validates every example of a message; the message must have at least one. */
export function checkExamples(
  message: MessageInterface,
  schema: { payload: unknown; headers: unknown },
  ctx: ExampleContext,
  at: string,
  report: Report,
  schemas: MessageSchemas,
): void {
  const examples = message.examples().all();
  if (examples.length === 0) report(`${at}.examples`, 'give at least one full example envelope');
  const payloadSchema = schemas.compile(schema.payload);
  if ('error' in payloadSchema)
    report(`${at}.payload`, `payload schema does not compile: ${payloadSchema.error}`);
  const headersSchema = schema.headers === undefined ? undefined : schemas.compile(schema.headers);
  if (headersSchema && 'error' in headersSchema)
    report(`${at}.headers`, `headers schema does not compile: ${headersSchema.error}`);
  examples.forEach((example, i) => {
    const where = `${at}.examples[${i}]`;
    const label = `example ${JSON.stringify(example.name() ?? String(i))}`;
    if ('validate' in payloadSchema && !payloadSchema.validate(example.payload())) {
      const errors = describeErrors(payloadSchema.validate.errors).join('; ');
      report(`${where}.payload`, `${label} does not match the payload schema: ${errors}`);
    }
    if (
      headersSchema &&
      'validate' in headersSchema &&
      !headersSchema.validate(example.headers() ?? {})
    ) {
      const errors = describeErrors(headersSchema.validate.errors).join('; ');
      report(`${where}.headers`, `${label} does not match the headers schema: ${errors}`);
    }
    checkExampleAgreement(example, ctx, where, report);
  });
}
