/**
 * Proves the operational side of the service app: liveness and readiness probes, Prometheus
 * metrics labelled by route template (never the raw path), and the correlation id contract.
 */
import request from 'supertest';
import { createServiceApp } from '../../src/http/create-service-app';
import { Readiness } from '../../src/http/readiness';
import { Counter } from '../../src/telemetry/metrics';
import { collectingLogger, mountWidgetsValidation } from './http-test-support';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function buildApp(readiness = new Readiness()) {
  const logs = collectingLogger();
  const service = createServiceApp({
    service: 'widgets',
    logger: logs.logger,
    readiness,
    mountApi: (router) => {
      mountWidgetsValidation(router);
      router.get(
        '/api/v1/widgets/:widgetId',
        (req, res) => void res.json({ id: req.params['widgetId'] }),
      );
    },
  });
  return { ...service, logs };
}

describe('health probes', () => {
  it('answers liveness with 200 whatever the dependencies say', async () => {
    const readiness = new Readiness().register('database', async () => {
      throw new Error('down');
    });
    const res = await request(buildApp(readiness).app).get('/health/live');
    expect([res.status, res.body]).toEqual([200, { status: 'up' }]);
  });

  it('answers readiness with 200 when every check passes', async () => {
    const readiness = new Readiness().register('database', async () => undefined);
    const res = await request(buildApp(readiness).app).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ready', checks: { database: { status: 'up' } } });
  });

  it('answers readiness with 503 and per-check detail when one check fails', async () => {
    const readiness = new Readiness()
      .register('database', async () => undefined)
      .register('broker', async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:5672');
      });
    const res = await request(buildApp(readiness).app).get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 'not-ready',
      checks: {
        database: { status: 'up' },
        broker: { status: 'down', error: 'connect ECONNREFUSED 127.0.0.1:5672' },
      },
    });
  });

  it('answers readiness with 503 once shutdown has begun', async () => {
    const { app, readiness } = buildApp();
    readiness.markShuttingDown();
    const res = await request(app).get('/health/ready');
    expect([res.status, res.body.status]).toEqual([503, 'shutting-down']);
  });
});

describe('metrics', () => {
  it('counts requests per route template, never per raw path', async () => {
    const { app } = buildApp();
    await request(app).get('/api/v1/widgets/w-1');
    await request(app).get('/api/v1/widgets/w-2');
    const text = (await request(app).get('/metrics')).text;
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/v1/widgets/{widgetId}",status="200",service="widgets"} 2',
    );
    expect(text).not.toContain('w-1');
  });

  it('labels the status of rejected requests', async () => {
    const { app } = buildApp();
    await request(app).get('/api/v1/widgets/bad-id');
    const text = (await request(app).get('/metrics')).text;
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/v1/widgets/{widgetId}",status="400",service="widgets"} 1',
    );
  });

  it('labels requests that match no route as unmatched', async () => {
    const { app } = buildApp();
    await request(app).get('/api/v1/secret-admin-path-123');
    const text = (await request(app).get('/metrics')).text;
    expect(text).toContain('route="<unmatched>",status="404"');
    expect(text).not.toContain('secret-admin-path-123');
  });

  it('records the request duration histogram with the same labels', async () => {
    const { app } = buildApp();
    await request(app).get('/api/v1/widgets/w-1');
    const text = (await request(app).get('/metrics')).text;
    expect(text).toContain(
      'http_request_duration_seconds_count{service="widgets",method="GET",route="/api/v1/widgets/{widgetId}",status="200"} 1',
    );
  });

  it('serves default process metrics and metrics the service registers on the same registry', async () => {
    const { app, metrics } = buildApp();
    new Counter({
      name: 'orders_created_total',
      help: 'Orders created.',
      registers: [metrics],
    }).inc(3);
    const res = await request(app).get('/metrics');
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain('orders_created_total{service="widgets"} 3');
    expect(res.text).toContain('process_resident_memory_bytes');
  });

  it('keeps probes and scrapes out of the request metrics', async () => {
    const { app } = buildApp();
    await request(app).get('/health/live');
    const text = (await request(app).get('/metrics')).text;
    expect(text).not.toContain('route="/health/live"');
  });
});

describe('correlation id', () => {
  it('echoes the Correlation-Id the caller sent', async () => {
    const res = await request(buildApp().app)
      .get('/api/v1/widgets/w-1')
      .set('Correlation-Id', 'abc-123');
    expect(res.headers['correlation-id']).toBe('abc-123');
  });

  it('falls back to the gateway request id when no Correlation-Id is sent', async () => {
    const res = await request(buildApp().app)
      .get('/api/v1/widgets/w-1')
      .set('X-Kong-Request-Id', '3f1c5e0d9a7b4c2e8f6a1b0c9d8e7f6a');
    expect(res.headers['correlation-id']).toBe('3f1c5e0d9a7b4c2e8f6a1b0c9d8e7f6a');
  });

  it('generates a UUID when the request carries no id', async () => {
    const res = await request(buildApp().app).get('/api/v1/widgets/w-1');
    expect(res.headers['correlation-id']).toMatch(UUID);
  });

  it('replaces an id with spaces or control characters instead of logging it', async () => {
    const res = await request(buildApp().app)
      .get('/api/v1/widgets/w-1')
      .set('Correlation-Id', 'a b\tc');
    expect(res.headers['correlation-id']).toMatch(UUID);
  });

  it('writes the correlation id on the request log line', async () => {
    const { app, logs } = buildApp();
    await request(app).get('/api/v1/widgets/w-7').set('Correlation-Id', 'log-me');
    expect(logs.lines.find((line) => line['msg'] === 'request completed')).toMatchObject({
      correlationId: 'log-me',
      method: 'GET',
      route: '/api/v1/widgets/{widgetId}',
      path: '/api/v1/widgets/w-7',
      status: 200,
    });
  });

  it('leaves the query string, which may carry a token, out of the request log line', async () => {
    const { app, logs } = buildApp();
    await request(app).get('/api/v1/widgets/w-7?jwt=secret-token');
    const line = logs.lines.find((l) => l['msg'] === 'request completed');
    expect(line?.['path']).toBe('/api/v1/widgets/w-7');
    expect(JSON.stringify(logs.lines)).not.toContain('secret-token');
  });
});
