/**
 * Proves bearer-token checks end to end through the generated catalog binding mounted in the
 * service app: no token, a bad token, a missing role and a valid admin token, each answered with
 * the right status and problem+json. Keys are generated per run; nothing is read from disk.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT, exportSPKI, generateKeyPair, type KeyLike } from 'jose';
import request from 'supertest';
import { type CatalogHandlers, mountCatalogApi } from '@bazaar/generated/http/catalog/server';
import { createJwtAuthenticate } from '../../src/auth/jwt-authenticate';
import { createServiceApp } from '../../src/http/create-service-app';
import { collectingLogger } from './http-test-support';

const ISSUER = 'bazaar-identity';

const notExercised = async (): Promise<never> => {
  throw new Error('not exercised by this suite');
};

/** Only the category operations answer; the rest would fail loudly if reached. */
const handlers: CatalogHandlers = {
  listCategories: async (_input, reply) =>
    reply(200, { items: [], page: { number: 1, size: 20, totalItems: 0, totalPages: 0 } }),
  createCategory: async ({ body, auth }, reply) =>
    reply(
      201,
      {
        id: randomUUID(),
        name: body.name,
        slug: body.slug,
        description: `by ${auth.userId}`,
        parentId: null,
      },
      { Location: '/api/v1/categories/x' },
    ),
  getCategory: notExercised,
  updateCategory: notExercised,
  deleteCategory: notExercised,
  listProducts: notExercised,
  createProduct: notExercised,
  getProduct: notExercised,
  updateProduct: notExercised,
  deleteProduct: notExercised,
  getPriceHistory: notExercised,
};

let privateKey: KeyLike;
let app: Parameters<typeof request>[0];
let logs: ReturnType<typeof collectingLogger>;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const authenticate = await createJwtAuthenticate({
    publicKeyPem: await exportSPKI(pair.publicKey),
    issuer: ISSUER,
  });
  logs = collectingLogger('catalog');
  app = createServiceApp({
    service: 'catalog',
    logger: logs.logger,
    mountApi: (router) =>
      mountCatalogApi(router, handlers, { authenticate, validateResponses: true }),
  }).app;
});

function token(roles: string[], options: { expiresIn?: string | number; sub?: string } = {}) {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(ISSUER)
    .setSubject(options.sub ?? 'user-1')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '15m')
    .sign(privateKey);
}

const newCategory = { name: 'Kitchen', slug: 'kitchen' };

describe('bearer authentication through the generated binding', () => {
  it('serves a public operation without a token', async () => {
    const res = await request(app).get('/api/v1/categories');
    expect(res.status).toBe(200);
  });

  it('answers 401 with a Bearer challenge when a secured operation gets no token', async () => {
    const res = await request(app).post('/api/v1/categories').send(newCategory);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.body).toMatchObject({ code: 'UNAUTHORIZED', instance: '/api/v1/categories' });
  });

  it('answers 401 invalid_token with the reason when the token has expired', async () => {
    const expired = await token(['admin'], { expiresIn: Math.floor(Date.now() / 1000) - 120 });
    const res = await request(app)
      .post('/api/v1/categories')
      .set('Authorization', `Bearer ${expired}`)
      .send(newCategory);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.headers['www-authenticate']).toBe(
      'Bearer realm="bazaar", error="invalid_token", error_description="token has expired"',
    );
    expect(res.body).toMatchObject({ code: 'UNAUTHORIZED', detail: 'token has expired' });
  });

  it('answers 401 for a token signed by another key even on a public operation', async () => {
    const other = await generateKeyPair('RS256');
    const forged = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(ISSUER)
      .setSubject('mallory')
      .setExpirationTime('5m')
      .sign(other.privateKey);
    const res = await request(app)
      .get('/api/v1/categories')
      .set('Authorization', `Bearer ${forged}`);
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('token signature verification failed');
  });

  it('answers 403 naming the role when the caller lacks it', async () => {
    const res = await request(app)
      .post('/api/v1/categories')
      .set('Authorization', `Bearer ${await token(['customer'])}`)
      .send(newCategory);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      code: 'FORBIDDEN',
      detail: 'this operation requires the admin role',
    });
  });

  it('lets an admin through to the handler with the caller identity', async () => {
    const res = await request(app)
      .post('/api/v1/categories')
      .set('Authorization', `Bearer ${await token(['admin'], { sub: 'admin-7' })}`)
      .send(newCategory);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Kitchen', description: 'by admin-7' });
  });

  it('writes the authenticated user id on the request log line', async () => {
    await request(app)
      .post('/api/v1/categories')
      .set('Authorization', `Bearer ${await token(['admin'], { sub: 'admin-log' })}`)
      .set('Correlation-Id', 'corr-auth')
      .send(newCategory);
    const line = logs.lines.find(
      (l) => l['msg'] === 'request completed' && l['correlationId'] === 'corr-auth',
    );
    expect(line).toMatchObject({ userId: 'admin-log', status: 201, route: '/api/v1/categories' });
  });

  it('answers a body that breaks the contract with 400 naming the field', async () => {
    const res = await request(app)
      .post('/api/v1/categories')
      .set('Authorization', `Bearer ${await token(['admin'])}`)
      .send({ name: 'Kitchen', slug: 'Not A Slug' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body.slug' }] });
  });

  it('never writes the bearer token to the log', async () => {
    const secret = await token(['admin'], { sub: 'admin-quiet' });
    await request(app)
      .post('/api/v1/categories')
      .set('Authorization', `Bearer ${secret}`)
      .send(newCategory);
    expect(JSON.stringify(logs.lines)).not.toContain(secret);
  });
});
