/**
 * Reads and propagates the W3C trace context (platform/src/telemetry): the ids logs and event
 * envelopes carry, the `traceparent` header for outgoing calls, and gRPC metadata inject/extract
 * (with the correlation id). AMQP headers use `propagation.inject/extract` directly (events/).
 */
import { type Context, context, propagation, trace, isSpanContextValid } from '@opentelemetry/api';
import { currentCorrelationId } from './log-context';

export interface TraceIds {
  traceId: string;
  spanId: string;
}

/** The active span's ids, or undefined when no valid span is active (tracing not initialised). */
export function currentTraceIds(ctx: Context = context.active()): TraceIds | undefined {
  const spanContext = trace.getSpanContext(ctx);
  if (!spanContext || !isSpanContextValid(spanContext)) return undefined;
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}

/** Headers that carry the current trace context: `traceparent` and, when set, `tracestate`. */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** The current `traceparent` header value, or undefined outside a valid span. */
export function currentTraceparent(ctx: Context = context.active()): string | undefined {
  return traceHeaders(ctx)['traceparent'];
}

/** The part of `@grpc/grpc-js` Metadata used here. */
export interface GrpcMetadataLike {
  set(key: string, value: string): void;
  get(key: string): ReadonlyArray<string | Buffer>;
}

/** gRPC metadata key of the correlation id (metadata keys are lower-case). */
export const GRPC_CORRELATION_ID_KEY = 'correlation-id';

/** Writes the current trace context and correlation id into outgoing gRPC metadata. */
export function injectGrpcMetadata(
  metadata: GrpcMetadataLike,
  ctx: Context = context.active(),
): void {
  for (const [name, value] of Object.entries(traceHeaders(ctx))) metadata.set(name, value);
  const correlationId = currentCorrelationId();
  if (correlationId) metadata.set(GRPC_CORRELATION_ID_KEY, correlationId);
}

/** The context of the caller, read from incoming gRPC metadata (gRPC keys are lower-case). */
export function extractGrpcContext(
  metadata: GrpcMetadataLike,
  base: Context = context.active(),
): Context {
  return propagation.extract(base, metadata, {
    keys: () => ['traceparent', 'tracestate'],
    get: (carrier, key) => {
      const value = carrier.get(key)[0];
      return value === undefined ? undefined : String(value);
    },
  });
}
