/**
 * The generated server binding at run time: requests are authenticated, role-checked and validated
 * against the contract before a handler runs; replies are written with the contract's content
 * types; responses that break the contract are caught outside production.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { type CatalogHandlers, mountCatalogApi } from '@bazaar/generated/http/catalog/server';
import type { Schemas } from '@bazaar/generated/http/catalog/types';
import {
  type AuthContext,
  ContractProblem,
  problem,
} from '@bazaar/generated/http/runtime/server-runtime';

const product: Schemas['Product'] = {
  id: '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70',
  sku: 'MUG-BLUE-01',
  name: 'Blue ceramic mug',
  description: '',
  categoryId: null,
  price: { amount: 1299, currency: 'USD' },
  inStock: true,
  salesCount: 0,
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
};

const notImplemented = async (): Promise<never> => {
  throw new Error('not used by this test');
};

function handlers(overrides: Partial<CatalogHandlers> = {}): CatalogHandlers {
  return {
    listProducts: async ({ query }, reply) =>
      reply(200, {
        items: [product],
        page: {
          number: query.page ?? -1,
          size: query.pageSize ?? -1,
          totalItems: 1,
          totalPages: 1,
        },
      }),
    getProduct: async ({ path }, reply) =>
      path.productId === product.id
        ? reply(200, product)
        : reply(404, problem(404, 'CATALOG_ERR_PRODUCT_NOT_FOUND', 'Product not found')),
    createProduct: async ({ body, auth }, reply) =>
      reply(
        201,
        { ...product, sku: body.sku, name: `${body.name} by ${auth.userId}` },
        { Location: `/api/v1/products/${product.id}` },
      ),
    updateProduct: notImplemented,
    deleteProduct: async (_input, reply) => reply(204),
    getPriceHistory: notImplemented,
    listCategories: notImplemented,
    createCategory: notImplemented,
    getCategory: notImplemented,
    updateCategory: notImplemented,
    deleteCategory: notImplemented,
    ...overrides,
  };
}

/** Tokens in these tests are just user ids; "admin-…" users have the admin role. */
async function authenticate(req: Request): Promise<AuthContext | undefined> {
  const header = req.get('authorization');
  if (!header) return undefined;
  const token = header.replace(/^Bearer /, '');
  if (token === 'bad') throw new ContractProblem(problem(401, 'UNAUTHORIZED', 'Invalid token'));
  return {
    userId: token,
    roles: token.startsWith('admin') ? ['admin'] : ['customer'],
    token,
    claims: {},
  };
}

function app(
  overrides: Partial<CatalogHandlers> = {},
  validateResponses = true,
  operationMiddleware: Parameters<typeof mountCatalogApi>[2]['operationMiddleware'] = {},
) {
  const server = express();
  const router = express.Router();
  mountCatalogApi(router, handlers(overrides), {
    authenticate,
    validateResponses,
    operationMiddleware,
  });
  server.use(router);
  server.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const p =
      err instanceof ContractProblem
        ? err.problem
        : problem(500, 'INTERNAL', 'Internal server error');
    res
      .status(p.status)
      .set(err instanceof ContractProblem ? err.headers : {})
      .type('application/problem+json')
      .json(p);
  });
  return server;
}

const newProduct = { sku: 'MUG-RED-02', name: 'Red mug', price: { amount: 999, currency: 'USD' } };

describe('generated catalog server binding', () => {
  it('answers a valid request with the handler reply and the contract content type', async () => {
    const res = await request(app()).get(`/api/v1/products/${product.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(product);
  });

  it('writes problem replies as application/problem+json', async () => {
    const res = await request(app()).get('/api/v1/products/00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('CATALOG_ERR_PRODUCT_NOT_FOUND');
  });

  it('coerces query parameters to their contract types and fills in contract defaults', async () => {
    const res = await request(app({}, false)).get('/api/v1/products?page=3');
    expect(res.status).toBe(200);
    expect(res.body.page).toEqual({ number: 3, size: 20, totalItems: 1, totalPages: 1 });
  });

  it('rejects an invalid path parameter, naming it', async () => {
    const res = await request(app()).get('/api/v1/products/not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'path.productId' })]);
  });

  it('rejects an unknown query parameter, naming it', async () => {
    const res = await request(app()).get('/api/v1/products?colour=blue');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'query.colour' })]);
  });

  it('lists every invalid body field of a rejected request', async () => {
    const res = await request(app())
      .post('/api/v1/products')
      .set('Authorization', 'Bearer admin-1')
      .send({ sku: 'lower case', name: '', price: { amount: -1, currency: 'USD' }, colour: 'red' });
    expect(res.status).toBe(400);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.price.amount', 'body.sku']));
    expect(JSON.stringify(res.body.errors)).toContain('colour');
  });

  it('answers 401 before validating when a secured operation gets no token', async () => {
    const res = await request(app()).post('/api/v1/products').send({});
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body.code).toBe('UNAUTHORIZED');
  });

  it('answers 401 for an invalid token even on a public operation', async () => {
    const res = await request(app()).get('/api/v1/products').set('Authorization', 'Bearer bad');
    expect(res.status).toBe(401);
  });

  it('answers 403 when the caller lacks the x-bazaar-roles of the operation', async () => {
    const res = await request(app())
      .post('/api/v1/products')
      .set('Authorization', 'Bearer customer-1')
      .send(newProduct);
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('admin');
  });

  it('passes the authenticated caller and the typed body to the handler', async () => {
    const res = await request(app())
      .post('/api/v1/products')
      .set('Authorization', 'Bearer admin-7')
      .send(newProduct);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/products/${product.id}`);
    expect(res.body).toMatchObject({ sku: 'MUG-RED-02', name: 'Red mug by admin-7' });
  });

  it('answers 204 without a body', async () => {
    const res = await request(app())
      .delete(`/api/v1/products/${product.id}`)
      .set('Authorization', 'Bearer admin-1');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  });

  it('answers 405 with Allow for a method the path does not support', async () => {
    const res = await request(app()).put(`/api/v1/products/${product.id}`);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, PATCH, DELETE');
  });

  it('lets requests for unknown paths fall through to the next middleware', async () => {
    const res = await request(app()).get('/api/v1/unknown');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({});
  });

  it('turns a reply that breaks the contract into a 500 when responses are validated', async () => {
    const broken = app({
      getProduct: async (_i, reply) =>
        reply(200, { ...product, price: { amount: -5, currency: 'USD' } }),
    });
    const res = await request(broken).get(`/api/v1/products/${product.id}`);
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('INTERNAL');
  });

  it('does not validate replies when response validation is off', async () => {
    const lenient = app(
      {
        getProduct: async (_i, reply) =>
          reply(200, { ...product, price: { amount: -5, currency: 'USD' } }),
      },
      false,
    );
    const res = await request(lenient).get(`/api/v1/products/${product.id}`);
    expect(res.status).toBe(200);
  });

  it('runs an operation middleware after authentication and validation, for that operation only', async () => {
    const seen: string[] = [];
    const recording = (req: Request, _res: Response, next: NextFunction) => {
      seen.push(`${req.method} ${req.path}`);
      next();
    };
    const server = app({}, true, { createProduct: [recording] });
    await request(server).post('/api/v1/products').send(newProduct); // 401: never reaches it
    await request(server).post('/api/v1/products').set('Authorization', 'Bearer admin-1').send({}); // 400
    await request(server).get(`/api/v1/products/${product.id}`); // another operation
    const created = await request(server)
      .post('/api/v1/products')
      .set('Authorization', 'Bearer admin-1')
      .send(newProduct);
    expect(created.status).toBe(201);
    expect(seen).toEqual(['POST /api/v1/products']);
  });

  it('refuses operation middleware for an operation the contract does not have', () => {
    const middleware = { placeOrder: [] } as never;
    expect(() => app({}, true, middleware)).toThrow(/unknown operations: placeOrder/);
  });

  it('turns a handler exception into an error for the service error middleware', async () => {
    const failing = app({
      getProduct: async () => {
        throw new Error('database down');
      },
    });
    const res = await request(failing).get(`/api/v1/products/${product.id}`);
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('database down');
  });
});
