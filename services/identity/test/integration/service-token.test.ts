/**
 * `issueServiceToken` against the real service: configured clients get a service token that
 * verifies like a user token; wrong or unknown credentials get the same 401.
 */
import { createHash } from 'node:crypto';
import { IdentityApi } from './support/identity-api';
import { startIdentity, type IdentityHarness } from './support/identity-harness';

const ordersSecret = 'orders-secret-0123456789abcdefghijkl';
const cartSecret = 'cart-secret-0123456789abcdefghijklmno';

let identity: IdentityHarness;
let api: IdentityApi;

beforeAll(async () => {
  identity = await startIdentity('service-token', {
    env: {
      IDENTITY_SERVICE_CLIENTS: `orders:${ordersSecret},cart:sha256:${createHash('sha256').update(cartSecret).digest('hex')}`,
      IDENTITY_SERVICE_TOKEN_TTL_SECONDS: '600',
    },
  });
  api = new IdentityApi(identity.url);
}, 60_000);

afterAll(async () => {
  await identity?.cleanup();
}, 60_000);

function serviceToken(clientId: string, clientSecret: string) {
  return api.call<{ accessToken: string; tokenType: string; expiresIn: number; code?: string }>(
    'POST',
    '/api/v1/auth/service-tokens',
    { body: { clientId, clientSecret } },
  );
}

describe('service tokens', () => {
  it('are issued to a configured client with role service and sub = client id', async () => {
    const response = await serviceToken('orders', ordersSecret);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 600,
    });
    const { payload } = await api.verify(response.body.accessToken);
    expect(payload).toMatchObject({ iss: 'bazaar-identity', sub: 'orders', roles: ['service'] });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(600);
  });

  it('are issued to a client configured by the digest of its secret', async () => {
    expect((await serviceToken('cart', cartSecret)).status).toBe(200);
  });

  it('are refused for a wrong secret with IDENTITY_ERR_INVALID_CLIENT', async () => {
    const response = await serviceToken('orders', cartSecret);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({
      type: 'https://docs.bazaar.dev/problems/invalid-client',
      code: 'IDENTITY_ERR_INVALID_CLIENT',
    });
  });

  it('are refused for an unknown client with the same answer', async () => {
    const wrongSecret = await serviceToken('orders', cartSecret);
    const unknown = await serviceToken('payment', ordersSecret);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrongSecret.body);
  });

  it('refuse a secret shorter than the contract allows, naming the field', async () => {
    const response = await serviceToken('orders', 'short');
    expect(response.status).toBe(400);
    expect(response.body['errors' as keyof typeof response.body]).toEqual([
      expect.objectContaining({ field: 'body.clientSecret' }),
    ]);
  });

  it('name no user account, so /auth/me answers 404 IDENTITY_ERR_USER_NOT_FOUND', async () => {
    const { body } = await serviceToken('orders', ordersSecret);
    const response = await api.call('GET', '/api/v1/auth/me', { token: body.accessToken });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'IDENTITY_ERR_USER_NOT_FOUND' });
  });
});
