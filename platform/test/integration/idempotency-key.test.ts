/**
 * The Idempotency-Key middleware on a real PostgreSQL (architecture §4): a replay returns the
 * first response, another payload under the same key is refused (422), a concurrent duplicate gets
 * 409, keys expire after 24 h (injected clock), are scoped per user, and a 5xx releases the key.
 */
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import {
  idempotencyKey,
  purgeExpiredIdempotencyKeys,
  requestFingerprint,
} from '../../src/idempotency';
import { createTestDatabase, waitFor, type TestDatabase } from '../../src/testing';

jest.setTimeout(30_000);

const HOUR = 3_600_000;
let db: TestDatabase;
let clock: number;
let runs: number;
/** Set by a test to hold the handler until released. */
let gate: Promise<void> | undefined;
/** Status the handler answers with (201 unless a test changes it). */
let handlerStatus: number;

function buildApp(): express.Express {
  const app = express();
  app.use(express.json());
  // Stands in for the generated binding's authentication.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const user = req.get('x-test-user');
    if (user) res.locals['bazaarAuth'] = { userId: user, roles: [] };
    res.locals['correlationId'] = req.get('correlation-id');
    next();
  });
  app.post(
    '/api/v1/orders',
    idempotencyKey({ pool: db.pool, now: () => new Date(clock) }),
    async (req: Request, res: Response) => {
      runs++;
      await gate;
      const orderId = randomUUID();
      res
        .status(handlerStatus)
        .location(`/api/v1/orders/${orderId}`)
        .json({ orderId, run: runs, items: req.body.items });
    },
  );
  return app;
}

let app: express.Express;
beforeAll(async () => {
  db = await createTestDatabase('idempotency-key');
  app = buildApp();
});
afterAll(() => db.drop());
beforeEach(() => {
  clock = Date.parse('2030-01-01T00:00:00Z');
  runs = 0;
  gate = undefined;
  handlerStatus = 201;
});

function placeOrder(key: string, body: object, user = 'user-a') {
  return request(app)
    .post('/api/v1/orders')
    .set('Idempotency-Key', key)
    .set('x-test-user', user)
    .set('correlation-id', 'corr-1')
    .send(body);
}

describe('Idempotency-Key', () => {
  it('replays the stored first response for the same key and request', async () => {
    const key = randomUUID();
    const first = await placeOrder(key, { items: [1, 2] });
    const second = await placeOrder(key, { items: [1, 2] });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['location']).toBe(first.headers['location']);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    expect(runs).toBe(1);
  });

  it('refuses the same key with another payload with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const key = randomUUID();
    await placeOrder(key, { items: [1] });
    const reused = await placeOrder(key, { items: [2] });
    expect(reused.status).toBe(422);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reused.body).toEqual({
      type: 'https://docs.bazaar.dev/problems/idempotency-key-reused',
      title: 'Idempotency key reused with a different request',
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
      detail: `Idempotency-Key "${key}" was already used with a different request`,
      instance: '/api/v1/orders',
      correlationId: 'corr-1',
    });
    expect(runs).toBe(1);
  });

  it('answers a concurrent duplicate with 409 IDEMPOTENCY_REQUEST_IN_PROGRESS while the first runs', async () => {
    const key = randomUUID();
    let release!: () => void;
    gate = new Promise((r) => (release = r));
    const first = placeOrder(key, { items: [1] }).then((r) => r);
    await waitFor(() => runs === 1, { description: 'the first request to reach the handler' });
    const duplicate = await placeOrder(key, { items: [1] });
    release();
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers['retry-after']).toBe('1');
    expect(duplicate.body.code).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS');
    expect(duplicate.body.type).toBe(
      'https://docs.bazaar.dev/problems/idempotency-request-in-progress',
    );
    expect((await first).status).toBe(201);
    expect(runs).toBe(1);
  });

  it('replays until 24 hours have passed, then runs the request again', async () => {
    const key = randomUUID();
    const first = await placeOrder(key, { items: [1] });
    clock += 24 * HOUR - 1;
    const replay = await placeOrder(key, { items: [1] });
    clock += 1;
    const fresh = await placeOrder(key, { items: [1] });
    expect(replay.body).toEqual(first.body);
    expect(fresh.headers['idempotency-replayed']).toBeUndefined();
    expect(fresh.body.orderId).not.toBe(first.body.orderId);
    expect(runs).toBe(2);
  });

  it('scopes keys per user: the same key from another user is a different request', async () => {
    const key = randomUUID();
    const fromA = await placeOrder(key, { items: [1] }, 'user-a');
    const fromB = await placeOrder(key, { items: [9] }, 'user-b');
    const replayA = await placeOrder(key, { items: [1] }, 'user-a');
    expect(fromB.status).toBe(201);
    expect(fromB.body.orderId).not.toBe(fromA.body.orderId);
    expect(replayA.body).toEqual(fromA.body);
    expect(runs).toBe(2);
  });

  it('releases the key after a 5xx so that a retry runs the request', async () => {
    const key = randomUUID();
    handlerStatus = 503;
    const failed = await placeOrder(key, { items: [1] });
    handlerStatus = 201;
    const retried = await placeOrder(key, { items: [1] });
    expect(failed.status).toBe(503);
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotency-replayed']).toBeUndefined();
    expect(runs).toBe(2);
  });

  it('takes over a claim abandoned by a crashed process once it is stale', async () => {
    const key = randomUUID();
    const body = { items: [1] };
    await db.pool.query(
      `INSERT INTO platform.idempotency_keys
         (subject, operation, idempotency_key, request_hash, state, claim_token, locked_at, created_at, expires_at)
       VALUES ('user-a', 'POST /api/v1/orders', $1, $2, 'in-progress', $3, $4, $4, $5)`,
      [
        key,
        requestFingerprint('POST', '/api/v1/orders', body),
        randomUUID(),
        new Date(clock),
        new Date(clock + 24 * HOUR),
      ],
    );
    expect((await placeOrder(key, body)).status).toBe(409);
    clock += 60_000;
    expect((await placeOrder(key, body)).status).toBe(201);
  });

  it('answers 400 when the header is missing', async () => {
    const missing = await request(app).post('/api/v1/orders').set('x-test-user', 'u').send({});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      detail: 'the Idempotency-Key header is required',
    });
    expect(runs).toBe(0);
  });

  it('answers 401 when no authenticated caller owns the key', async () => {
    const anonymous = await request(app)
      .post('/api/v1/orders')
      .set('Idempotency-Key', 'k-1')
      .send({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHORIZED');
    expect(runs).toBe(0);
  });

  it('purges keys whose 24 hours have passed', async () => {
    await placeOrder(randomUUID(), { items: [1] });
    const later = new Date(clock + 24 * HOUR);
    expect(await purgeExpiredIdempotencyKeys(db.pool, later)).toBeGreaterThan(0);
    const left = await db.pool.query(
      'SELECT 1 FROM platform.idempotency_keys WHERE expires_at <= $1',
      [later],
    );
    expect(left.rowCount).toBe(0);
  });
});
