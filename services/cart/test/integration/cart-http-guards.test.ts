/**
 * What the cart refuses before any cart logic runs, through the real service: bad input is a
 * 400 problem naming each field at fault, a request without a valid user token is 401, and an
 * unsupported method is 405. Nothing is changed or asked of the catalog in any of these cases.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { startCatalogStandIn, type CatalogStandIn } from './support/catalog-stand-in';
import { startCartForTest, type CartTestService } from './support/cart-test-service';
import { call } from './support/http';

let catalog: CatalogStandIn;
let cart: CartTestService;
let token: string;

const PRODUCT_ID = '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70';

beforeAll(async () => {
  catalog = await startCatalogStandIn();
  cart = await startCartForTest('cart-http-guards', { catalogUrl: catalog.url });
  token = await cart.tokenFor(randomUUID());
}, 60_000);

afterAll(async () => {
  await cart?.stop();
  await catalog?.stop();
});

describe('bad input', () => {
  it.each([
    ['a quantity of 0', 'body.quantity', { productId: PRODUCT_ID, quantity: 0 }],
    ['a quantity of 100', 'body.quantity', { productId: PRODUCT_ID, quantity: 100 }],
    ['a fractional quantity', 'body.quantity', { productId: PRODUCT_ID, quantity: 1.5 }],
    ['no product id', 'body.productId', { quantity: 1 }],
    ['a product id that is not a UUID', 'body.productId', { productId: 'mug', quantity: 1 }],
    ['no quantity', 'body.quantity', { productId: PRODUCT_ID }],
  ])('refuses an add with %s, naming %s', async (_case, field, body) => {
    const response = await call(cart.url, 'POST', '/api/v1/cart/items', { token, body });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses an add with a field the contract does not know', async () => {
    const response = await call(cart.url, 'POST', '/api/v1/cart/items', {
      token,
      body: { productId: PRODUCT_ID, quantity: 1, price: 1 },
    });
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/price/);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await call(cart.url, 'POST', '/api/v1/cart/items', {
      token,
      body: '{"productId": ',
    });
    expect(response.status).toBe(400);
  });

  it.each([
    ['no field at all', 'body', {}],
    ['a quantity of 0', 'body.quantity', { quantity: 0 }],
    ['a quantity of 100', 'body.quantity', { quantity: 100 }],
  ])('refuses a quantity change with %s, naming %s', async (_case, field, body) => {
    const response = await call(cart.url, 'PATCH', `/api/v1/cart/items/${PRODUCT_ID}`, {
      token,
      body,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it.each(['PATCH', 'DELETE'])(
    'refuses %s on a line whose product id is not a UUID',
    async (method) => {
      const response = await call(cart.url, method, '/api/v1/cart/items/mug', {
        token,
        ...(method === 'PATCH' ? { body: { quantity: 1 } } : {}),
      });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(
        'path.productId',
      );
    },
  );

  it('asked the catalog nothing for any refused request', () => {
    expect(catalog.requests).toEqual([]);
  });
});

describe('authentication', () => {
  // Every row has three entries: jest-each treats a missing one as the `done` callback.
  const operations: [string, string, unknown][] = [
    ['GET', '/api/v1/cart', undefined],
    ['DELETE', '/api/v1/cart', undefined],
    ['POST', '/api/v1/cart/items', { productId: PRODUCT_ID, quantity: 1 }],
    ['PATCH', `/api/v1/cart/items/${PRODUCT_ID}`, { quantity: 1 }],
    ['DELETE', `/api/v1/cart/items/${PRODUCT_ID}`, undefined],
  ];

  it.each(operations)('answers %s %s without a token with 401', async (method, path, body) => {
    const response = await call(cart.url, method, path, body === undefined ? {} : { body });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(response.body).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
  });

  it('refuses a token signed with another key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const forged = await new SignJWT({ roles: ['customer'] })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer('bazaar-identity')
      .setSubject(randomUUID())
      .setExpirationTime('5m')
      .sign(await importPKCS8(privateKey, 'RS256'));
    expect((await call(cart.url, 'GET', '/api/v1/cart', { token: forged })).status).toBe(401);
  });

  it('refuses a token whose subject is not a user id', async () => {
    const serviceToken = await cart.tokenFor('orders-service');
    const response = await call(cart.url, 'GET', '/api/v1/cart', { token: serviceToken });
    expect(response.status).toBe(401);
    expect(response.body.detail).toBe('the token does not name a user');
  });
});

describe('methods', () => {
  it('answers an unsupported method with 405 and the allowed ones', async () => {
    const response = await call(cart.url, 'PUT', '/api/v1/cart', { token, body: {} });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toMatch(/GET/);
  });
});
