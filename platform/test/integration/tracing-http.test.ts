/**
 * Proves W3C trace context flows through the service app: an incoming `traceparent` becomes the
 * parent of the request's SERVER span, and every log line of the request (even after a body that
 * arrives in slow chunks) carries that trace id, its span id and the correlation id.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { request as httpRequest } from 'node:http';
import { type AddressInfo } from 'node:net';
import request from 'supertest';
import { createServiceApp } from '../../src/http/create-service-app';
import { currentTraceparent } from '../../src/telemetry/trace-context';
import { initTracing, type Tracing } from '../../src/telemetry/tracing';
import { collectingLogger, mountWidgetsValidation } from './http-test-support';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`;

let tracing: Tracing;
beforeAll(() => {
  tracing = initTracing({ serviceName: 'widgets', exporter: 'memory' });
});
afterEach(() => tracing.memoryExporter?.reset());
afterAll(() => tracing.shutdown());

function buildApp() {
  const logs = collectingLogger();
  const { app } = createServiceApp({
    service: 'widgets',
    logger: logs.logger,
    mountApi: (router) => {
      mountWidgetsValidation(router);
      router.post('/api/v1/widgets', (req, res) => {
        logs.logger.info({ widget: req.body.name }, 'creating widget');
        res.status(201).json({ traceparent: currentTraceparent() });
      });
      router.get('/api/v1/stream', (req, res) => {
        // An SSE-style response that only ends when the client goes away.
        req.on('close', () => logs.logger.info('client disconnected'));
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: hello\n\n');
      });
      router.get('/api/v1/broken', () => {
        throw new Error('boom');
      });
    },
  });
  return { app, logs };
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition not met within 2 s');
}

function serverSpans() {
  return (tracing.memoryExporter?.getFinishedSpans() ?? []).filter(
    (span) => span.kind === SpanKind.SERVER,
  );
}

describe('HTTP tracing', () => {
  it('continues the incoming trace in a SERVER span named after the route template', async () => {
    const { app } = buildApp();
    await request(app)
      .post('/api/v1/widgets')
      .set('traceparent', TRACEPARENT)
      .send({ name: 'a', quantity: 1 });
    const [span] = serverSpans();
    expect(span?.spanContext().traceId).toBe(TRACE_ID);
    expect(span?.parentSpanContext?.spanId).toBe(PARENT_SPAN_ID);
    expect(span?.name).toBe('POST /api/v1/widgets');
    expect(span?.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/api/v1/widgets',
      'http.response.status_code': 201,
    });
  });

  it('writes the trace id, span id and correlation id on the handler log lines', async () => {
    const { app, logs } = buildApp();
    await request(app)
      .post('/api/v1/widgets')
      .set('traceparent', TRACEPARENT)
      .set('Correlation-Id', 'corr-trace')
      .send({ name: 'a', quantity: 1 });
    const spanId = serverSpans()[0]?.spanContext().spanId;
    expect(logs.lines.find((line) => line['msg'] === 'creating widget')).toMatchObject({
      traceId: TRACE_ID,
      spanId,
      correlationId: 'corr-trace',
    });
  });

  it('keeps the context for a body that arrives in several chunks after the headers', async () => {
    const { app, logs } = buildApp();
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/v1/widgets',
            headers: {
              'content-type': 'application/json',
              traceparent: TRACEPARENT,
              'correlation-id': 'corr-chunks',
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.write('{"name": "chunked",');
        setTimeout(() => req.end(' "quantity": 2}'), 50);
      });
      expect(status).toBe(201);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(logs.lines.find((line) => line['msg'] === 'creating widget')).toMatchObject({
      widget: 'chunked',
      traceId: TRACE_ID,
      correlationId: 'corr-chunks',
    });
  });

  it('keeps the context for a listener the handler adds, such as a client disconnect', async () => {
    const { app, logs } = buildApp();
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/api/v1/stream',
            headers: { traceparent: TRACEPARENT, 'correlation-id': 'corr-sse' },
          },
          (res) => res.once('data', () => req.destroy()),
        );
        req.on('error', reject);
        req.on('close', resolve);
        req.end();
      });
      await waitFor(() => logs.lines.some((line) => line['msg'] === 'client disconnected'));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(logs.lines.find((line) => line['msg'] === 'client disconnected')).toMatchObject({
      traceId: TRACE_ID,
      correlationId: 'corr-sse',
    });
  });

  it('hands the handler a traceparent of the same trace for its outgoing calls', async () => {
    const { app } = buildApp();
    const res = await request(app)
      .post('/api/v1/widgets')
      .set('traceparent', TRACEPARENT)
      .send({ name: 'a', quantity: 1 });
    const spanId = serverSpans()[0]?.spanContext().spanId;
    expect(res.body.traceparent).toBe(`00-${TRACE_ID}-${spanId}-01`);
  });

  it('starts a new trace when the request carries none, and logs its id', async () => {
    const { app, logs } = buildApp();
    await request(app).post('/api/v1/widgets').send({ name: 'a', quantity: 1 });
    const span = serverSpans()[0];
    expect(span?.parentSpanContext).toBeUndefined();
    expect(logs.lines.find((line) => line['msg'] === 'request completed')?.['traceId']).toBe(
      span?.spanContext().traceId,
    );
  });

  it('marks the span failed when the request ends in a server error', async () => {
    const { app } = buildApp();
    await request(app).get('/api/v1/broken');
    expect(serverSpans()[0]?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('leaves the span of a client error unset, as OpenTelemetry HTTP conventions ask', async () => {
    const { app } = buildApp();
    await request(app).post('/api/v1/widgets').send({ name: '' });
    expect(serverSpans()[0]?.status.code).toBe(SpanStatusCode.UNSET);
  });
});
