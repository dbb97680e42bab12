/**
 * Runs work inside a span (platform/src/telemetry): the span becomes the active context for the
 * work, records a thrown error and ends when the work settles. Used for gRPC server calls, outbound
 * calls and background jobs; HTTP server spans come from http/tracing.middleware.ts.
 */
import {
  type Attributes,
  type Context,
  type Span,
  SpanKind,
  SpanStatusCode,
  context,
  trace,
} from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { runWithLogContext } from './log-context';
import {
  extractGrpcContext,
  GRPC_CORRELATION_ID_KEY,
  type GrpcMetadataLike,
} from './trace-context';

const TRACER_NAME = '@bazaar/platform';

export interface WithSpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Parent context; default the active one. */
  parent?: Context;
}

/** Records `error` on `span` and marks it failed. */
export function recordSpanError(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}

/** Runs `work` inside a new span named `name`; rethrows its error after recording it. */
export async function withSpan<T>(
  name: string,
  work: (span: Span) => Promise<T>,
  options: WithSpanOptions = {},
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = trace.getTracer(TRACER_NAME).startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      ...(options.attributes ? { attributes: options.attributes } : {}),
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    recordSpanError(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Runs a gRPC server method inside a SERVER span continuing the caller's trace from its metadata,
 * with the caller's correlation id (or a new one) in the log context.
 * @param method full method name, e.g. `bazaar.inventory.v1.InventoryService/ReserveStock`
 */
export function withGrpcServerSpan<T>(
  metadata: GrpcMetadataLike,
  method: string,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const [service, name] = method.split('/');
  const incoming = metadata.get(GRPC_CORRELATION_ID_KEY)[0];
  const correlationId = incoming === undefined ? randomUUID() : String(incoming);
  return runWithLogContext({ correlationId }, () =>
    withSpan(method, work, {
      kind: SpanKind.SERVER,
      parent: extractGrpcContext(metadata),
      attributes: {
        'rpc.system': 'grpc',
        'rpc.service': service ?? method,
        'rpc.method': name ?? method,
      },
    }),
  );
}
