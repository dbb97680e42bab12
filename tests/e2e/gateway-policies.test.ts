/**
 * What the gateway and the services enforce together, through the real kong.yml: tokens are
 * required and checked at the edge (Kong's own 401 bodies), roles and bodies are checked by the
 * services (problem+json naming the field), oversized bodies stop at the gateway (413), browsers'
 * CORS preflights are answered, and every response carries its correlation id and rate limits.
 */
import { createIdentityClient } from '@bazaar/generated/http/identity/client';
import { type E2ePlatform, startE2ePlatform } from './support/e2e-platform';

let e2e: E2ePlatform;
let customerToken: string;
let adminToken: string;

const json = (
  body: unknown,
  token?: string,
  headers: Record<string, string> = {},
): RequestInit => ({
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
    ...headers,
  },
  body: JSON.stringify(body),
});

beforeAll(async () => {
  e2e = await startE2ePlatform('policies', ['identity', 'catalog', 'cart']);
  const identity = createIdentityClient({ baseUrl: e2e.gatewayUrl, fetch: e2e.clientFetch });
  const customer = {
    email: 'grace@example.com',
    password: 'correct horse battery staple',
    displayName: 'Grace',
  };
  await identity.register({ body: customer });
  customerToken = (
    await identity.login({ body: { email: customer.email, password: customer.password } })
  ).accessToken;
  adminToken = (
    await identity.login({ body: { email: e2e.admin.email, password: e2e.admin.password } })
  ).accessToken;
}, 180_000);

afterAll(async () => {
  await e2e?.stop();
}, 60_000);

describe('gateway and service policies', () => {
  it('answers 401 at the gateway, in Kong format, when a secured operation gets no token', async () => {
    const res = await e2e.fetch('/api/v1/cart');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toEqual({ message: 'Unauthorized' });
  });

  it('refuses an expired token at the gateway', async () => {
    const expired = await e2e.signToken(
      { sub: 'someone', roles: ['customer'] },
      { expiresAt: Math.floor(Date.now() / 1000) - 60 },
    );
    const res = await e2e.fetch('/api/v1/cart', {
      headers: { Authorization: `Bearer ${expired}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ exp: 'token expired' });
  });

  it('refuses a tampered token at the gateway', async () => {
    const [header, payload, signature] = customerToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString(
      'base64url',
    );
    const res = await e2e.fetch('/api/v1/cart', {
      headers: { Authorization: `Bearer ${header}.${forged}.${signature}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Invalid signature' });
  });

  it('answers 403 problem+json when a customer tries to create a product', async () => {
    const res = await e2e.fetch(
      '/api/v1/products',
      json({ sku: 'MUG-X-1', name: 'x', price: { amount: 1, currency: 'USD' } }, customerToken),
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('answers 400 problem+json naming every invalid field of a body', async () => {
    const res = await e2e.fetch(
      '/api/v1/cart/items',
      json({ productId: 'not-a-uuid', quantity: 0 }, customerToken),
    );
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { code: string; errors: { field: string }[] };
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['body.productId', 'body.quantity']);
  });

  it('stops an oversized body at the gateway with 413', async () => {
    const description = 'x'.repeat(70 * 1024);
    const res = await e2e.fetch(
      '/api/v1/products',
      json(
        { sku: 'MUG-BIG-1', name: 'Big', description, price: { amount: 1, currency: 'USD' } },
        adminToken,
      ),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ message: 'Request size limit exceeded' });
  });

  it('answers a browser CORS preflight for a secured operation', async () => {
    const res = await e2e.fetch('/api/v1/cart/items', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('echoes the caller’s correlation id and reports the rate limit', async () => {
    const res = await e2e.fetch('/api/v1/products', {
      headers: { 'Correlation-Id': 'e2e-correlation-1' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('correlation-id')).toBe('e2e-correlation-1');
    expect(Number(res.headers.get('x-ratelimit-limit-minute'))).toBeGreaterThan(0);
    expect(res.headers.get('via')).toMatch(/kong/);
  });

  it('answers 404 in Kong format for a path no route matches', async () => {
    const res = await e2e.fetch('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ message: 'no Route matched with those values' });
  });
});
