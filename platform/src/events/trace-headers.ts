/**
 * W3C trace context in AMQP headers (platform/src/events): `traceparent`/`tracestate` written when
 * an event is appended (the relay publishes later, outside the request), read back by the consumer
 * so its handler runs in the producer's trace (architecture §8).
 *
 * `propagation.inject/extract` do the work when telemetry has registered the W3C propagator;
 * when it has not (tools, tests), the same header is written and parsed here, so that the
 * contract's required `traceparent` (trace-id = envelope traceId) is never missing.
 */
import { randomBytes } from 'node:crypto';
import {
  type Context,
  ROOT_CONTEXT,
  context,
  isSpanContextValid,
  propagation,
  trace,
  TraceFlags,
} from '@opentelemetry/api';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Headers carrying the trace of the event whose envelope has `traceId`. */
export function traceHeadersFor(
  traceId: string,
  ctx: Context = context.active(),
): Record<string, string> {
  const carrier: Record<string, string> = {};
  const active = trace.getSpanContext(ctx);
  if (active && isSpanContextValid(active) && active.traceId === traceId) {
    propagation.inject(ctx, carrier);
    if (!carrier['traceparent']) {
      carrier['traceparent'] = `00-${traceId}-${active.spanId}-0${active.traceFlags & 1}`;
    }
    return carrier;
  }
  // No span of this trace is active (tracing off, or the envelope came from elsewhere): a fresh
  // parent id in the envelope's trace keeps consumers' spans joined to that trace.
  carrier['traceparent'] = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
  return carrier;
}

/** The producer's context from message headers, or ROOT_CONTEXT when there is none. */
export function contextFromHeaders(headers: Record<string, unknown> | undefined): Context {
  const carrier: Record<string, string> = {};
  for (const key of ['traceparent', 'tracestate']) {
    const value = headers?.[key];
    if (typeof value === 'string') carrier[key] = value;
    else if (Buffer.isBuffer(value)) carrier[key] = value.toString('utf8');
  }
  const extracted = propagation.extract(ROOT_CONTEXT, carrier);
  const found = trace.getSpanContext(extracted);
  if (found && isSpanContextValid(found)) return extracted;
  const match = TRACEPARENT.exec(carrier['traceparent'] ?? '');
  if (!match) return ROOT_CONTEXT;
  const spanContext = {
    traceId: match[1] as string,
    spanId: match[2] as string,
    traceFlags: parseInt(match[3] as string, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  };
  return isSpanContextValid(spanContext)
    ? trace.setSpanContext(ROOT_CONTEXT, spanContext)
    : ROOT_CONTEXT;
}
