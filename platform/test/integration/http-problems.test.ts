/**
 * Proves that every failure of a request through the service app is answered as RFC 9457
 * `application/problem+json`, naming the field at fault, and that internal errors leak nothing.
 */
import request from 'supertest';
import { ContractProblem, problem } from '@bazaar/generated/http/runtime/server-runtime';
import { createServiceApp } from '../../src/http/create-service-app';
import { collectingLogger, mountWidgetsValidation } from './http-test-support';

function buildApp() {
  const logs = collectingLogger();
  const { app } = createServiceApp({
    service: 'widgets',
    logger: logs.logger,
    mountApi: (router) => {
      mountWidgetsValidation(router);
      router.get('/api/v1/widgets', (_req, res) => void res.json({ items: [] }));
      router.post('/api/v1/widgets', (req, res) => void res.status(201).json(req.body));
      router.get('/api/v1/boom', () => {
        throw new Error('password=hunter2 at db-primary.internal:5432');
      });
      router.get('/api/v1/conflict', () => {
        throw new ContractProblem(
          problem(409, 'WIDGETS_ERR_TAKEN', 'Widget name taken', 'name "a" is taken'),
        );
      });
      router.get('/api/v1/locked', () => {
        throw new ContractProblem(problem(401, 'UNAUTHORIZED', 'Authentication required'));
      });
    },
  });
  return { app, logs };
}

describe('problem+json responses', () => {
  const { app, logs } = buildApp();

  it('answers a body that breaks the schema with 400 naming each field', async () => {
    const res = await request(app)
      .post('/api/v1/widgets')
      .set('Correlation-Id', 'corr-400')
      .send({ name: '', quantity: 0 });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toMatchObject({
      type: 'https://docs.bazaar.dev/problems/validation-failed',
      status: 400,
      code: 'VALIDATION_FAILED',
      instance: '/api/v1/widgets',
      correlationId: 'corr-400',
    });
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'body.name', message: 'must NOT have fewer than 1 characters' },
        { field: 'body.quantity', message: 'must be >= 1' },
      ]),
    );
  });

  it('names a query parameter at fault as query.<name>', async () => {
    const res = await request(app).get('/api/v1/widgets?limit=500');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'query.limit', message: 'must be <= 50' }]);
  });

  it('names a path parameter at fault as path.<name>', async () => {
    const res = await request(app).get('/api/v1/widgets/nope');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('path.widgetId');
  });

  it('answers malformed JSON with 400 VALIDATION_FAILED and the parser message', async () => {
    const res = await request(app)
      .post('/api/v1/widgets')
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'body', message: 'is not valid JSON' }],
    });
    expect(res.body.detail).toMatch(/^request body is not valid JSON: /);
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await request(app)
      .post('/api/v1/widgets')
      .send({ name: 'x'.repeat(2000), quantity: 1 });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      detail: 'request body exceeds the limit of 1024 bytes',
    });
  });

  it('passes a problem thrown by a handler through with its own code', async () => {
    const res = await request(app).get('/api/v1/conflict');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'WIDGETS_ERR_TAKEN',
      detail: 'name "a" is taken',
      instance: '/api/v1/conflict',
    });
  });

  it('answers an unexpected error with a bare 500 INTERNAL problem', async () => {
    const res = await request(app).get('/api/v1/boom').set('Correlation-Id', 'corr-500');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      type: 'https://docs.bazaar.dev/problems/internal',
      title: 'Internal server error',
      status: 500,
      code: 'INTERNAL',
      instance: '/api/v1/boom',
      correlationId: 'corr-500',
    });
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
  });

  it('logs the cause of a 500 with the request correlation id', async () => {
    await request(app).get('/api/v1/boom').set('Correlation-Id', 'corr-log');
    const line = logs.lines.find(
      (l) => l['msg'] === 'request failed with a server error' && l['correlationId'] === 'corr-log',
    );
    expect(line).toMatchObject({
      level: 'error',
      code: 'INTERNAL',
      err: { message: expect.stringContaining('db-primary') },
    });
  });

  it('answers an unknown route with a 404 NOT_FOUND problem', async () => {
    const res = await request(app).delete('/api/v1/nothing-here?x=1');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      code: 'NOT_FOUND',
      detail: 'no route matches DELETE /api/v1/nothing-here',
      instance: '/api/v1/nothing-here',
    });
  });

  it('adds a Bearer challenge to a 401 that brings none', async () => {
    const res = await request(app).get('/api/v1/locked');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="bazaar"');
  });
});
