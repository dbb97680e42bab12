import { ROOT_CONTEXT, SpanKind, propagation, trace } from '@opentelemetry/api';
import { runWithLogContext, getLogContext } from './log-context';
import { contextPropagationMiddleware } from './outgoing-context';
import { withGrpcServerSpan, withSpan } from './spans';
import {
  currentTraceIds,
  currentTraceparent,
  extractGrpcContext,
  injectGrpcMetadata,
  type GrpcMetadataLike,
} from './trace-context';
import { initTracing, type Tracing } from './tracing';

const INCOMING = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

class FakeMetadata implements GrpcMetadataLike {
  readonly values = new Map<string, string>();
  set(key: string, value: string) {
    this.values.set(key, value);
  }
  get(key: string) {
    const value = this.values.get(key);
    return value === undefined ? [] : [value];
  }
}

describe('trace context', () => {
  let tracing: Tracing;
  beforeAll(() => {
    tracing = initTracing({ serviceName: 'test', exporter: 'memory' });
  });
  afterEach(() => tracing.memoryExporter?.reset());
  afterAll(() => tracing.shutdown());

  it('has no trace ids and no traceparent outside a span', () => {
    expect(currentTraceIds()).toBeUndefined();
    expect(currentTraceparent()).toBeUndefined();
  });

  it('formats the active span as a W3C traceparent', async () => {
    await withSpan('work', async (span) => {
      const { traceId, spanId } = span.spanContext();
      expect(currentTraceparent()).toBe(`00-${traceId}-${spanId}-01`);
    });
  });

  it('continues an incoming trace extracted with the global propagator', async () => {
    const parent = propagation.extract(ROOT_CONTEXT, { traceparent: INCOMING });
    await withSpan(
      'child',
      async () => expect(currentTraceIds()?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736'),
      {
        parent,
      },
    );
  });

  it('adds traceparent and Correlation-Id to an openapi-fetch request made inside a request', async () => {
    await runWithLogContext({ correlationId: 'c-42' }, () =>
      withSpan('call catalog', async (span) => {
        const request = contextPropagationMiddleware.onRequest({
          request: new Request('http://catalog/api/v1/products'),
        });
        expect(request.headers.get('traceparent')).toContain(span.spanContext().spanId);
        expect(request.headers.get('correlation-id')).toBe('c-42');
      }),
    );
  });

  it('keeps a Correlation-Id the caller set on the request', async () => {
    await runWithLogContext({ correlationId: 'c-42' }, async () => {
      const request = new Request('http://catalog/x', { headers: { 'Correlation-Id': 'mine' } });
      expect(
        contextPropagationMiddleware.onRequest({ request }).headers.get('correlation-id'),
      ).toBe('mine');
    });
  });

  it('round-trips the trace context through gRPC metadata', async () => {
    const metadata = new FakeMetadata();
    let clientTraceId = '';
    await withSpan('ReserveStock client', async (span) => {
      clientTraceId = span.spanContext().traceId;
      injectGrpcMetadata(metadata);
    });
    expect(trace.getSpanContext(extractGrpcContext(metadata))?.traceId).toBe(clientTraceId);
  });

  it('carries the correlation id to the gRPC server log context', async () => {
    const metadata = new FakeMetadata();
    await runWithLogContext({ correlationId: 'c-7' }, async () => injectGrpcMetadata(metadata));
    const seen = await withGrpcServerSpan(
      metadata,
      'svc/Method',
      async () => getLogContext().correlationId,
    );
    expect(seen).toBe('c-7');
  });

  it('runs a gRPC server method in a SERVER span that is a child of the caller', async () => {
    const metadata = new FakeMetadata();
    metadata.set('traceparent', INCOMING);
    await withGrpcServerSpan(
      metadata,
      'bazaar.inventory.v1.InventoryService/ReserveStock',
      async () => undefined,
    );
    const [span] = tracing.memoryExporter?.getFinishedSpans() ?? [];
    expect(span).toMatchObject({
      name: 'bazaar.inventory.v1.InventoryService/ReserveStock',
      kind: SpanKind.SERVER,
      attributes: { 'rpc.system': 'grpc', 'rpc.method': 'ReserveStock' },
    });
    expect(span?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
  });

  it('records a thrown error on the span and rethrows it', async () => {
    await expect(
      withSpan('failing', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const [span] = tracing.memoryExporter?.getFinishedSpans() ?? [];
    expect(span?.status).toEqual({ code: 2, message: 'boom' });
    expect(span?.events[0]?.name).toBe('exception');
  });

  it('refuses a second registration while the first is active', () => {
    expect(() => initTracing({ serviceName: 'again', exporter: 'none' })).toThrow(
      /already registered/,
    );
  });

  it('keeps the first registration working after a refused second one', async () => {
    expect(() => initTracing({ serviceName: 'again', exporter: 'none' })).toThrow();
    await withSpan('still traced', async () => expect(currentTraceparent()).toBeDefined());
    expect(tracing.memoryExporter?.getFinishedSpans().map((span) => span.name)).toEqual([
      'still traced',
    ]);
  });
});
