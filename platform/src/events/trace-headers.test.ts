import { ROOT_CONTEXT, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { contextFromHeaders, traceHeadersFor } from './trace-headers';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

describe('trace headers without a registered propagator', () => {
  it("writes a traceparent in the envelope's trace when no span is active", () => {
    const headers = traceHeadersFor(TRACE_ID, ROOT_CONTEXT);
    expect(headers['traceparent']).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
  });

  it('reads a traceparent back into a remote span context', () => {
    const ctx = contextFromHeaders({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` });
    expect(trace.getSpanContext(ctx)).toMatchObject({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      isRemote: true,
    });
  });

  it('returns the root context for a missing or malformed traceparent', () => {
    expect(contextFromHeaders(undefined)).toBe(ROOT_CONTEXT);
    expect(contextFromHeaders({ traceparent: 'garbage' })).toBe(ROOT_CONTEXT);
  });
});

describe('trace headers with the W3C propagator registered', () => {
  beforeAll(() => propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
  afterAll(() => propagation.disable());

  it("injects the active span's own ids when it belongs to the envelope's trace", () => {
    const ctx = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: 1,
    });
    expect(traceHeadersFor(TRACE_ID, ctx)).toEqual({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` });
  });

  it('keeps tracestate when extracting', () => {
    const ctx = contextFromHeaders({
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`,
      tracestate: 'a=b',
    });
    expect(trace.getSpanContext(ctx)?.traceState?.get('a')).toBe('b');
  });
});
