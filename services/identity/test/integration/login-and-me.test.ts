/**
 * `login`, `getMe` and `getJwks` against the real service: tokens carry the contract's claims and
 * verify with the published JWK Set; a wrong password and an unknown email get the same 401; the
 * service accepts only tokens signed by its own key.
 */
import { calculateJwkThumbprint, importPKCS8, SignJWT } from 'jose';
import { IdentityApi } from './support/identity-api';
import { rsaKeyPair, startIdentity, type IdentityHarness } from './support/identity-harness';

let identity: IdentityHarness;
let api: IdentityApi;
let userId: string;

beforeAll(async () => {
  identity = await startIdentity('login');
  api = new IdentityApi(identity.url);
  const registered = await api.register('ada@example.org', 'correct-horse-battery-staple', 'Ada');
  userId = registered.body['id'] as string;
}, 60_000);

afterAll(async () => {
  await identity?.cleanup();
}, 60_000);

async function metric(name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${identity.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('signing in', () => {
  it('returns a token pair that must not be cached', async () => {
    const response = await api.login('ada@example.org');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      refreshToken: expect.stringMatching(/^rt_[\w-]{43}$/),
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshExpiresIn: 604_800,
    });
  });

  it('issues an access token that verifies with the published JWK Set and carries the contract claims', async () => {
    const { body } = await api.login('ada@example.org');
    const { payload, protectedHeader } = await api.verify(body.accessToken);
    expect(payload).toEqual({
      iss: 'bazaar-identity',
      sub: userId,
      roles: ['customer'],
      iat: expect.any(Number),
      exp: (payload.iat ?? 0) + 900,
      jti: expect.any(String),
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
  });

  it('accepts the email in any case', async () => {
    expect((await api.login('ADA@Example.org')).status).toBe(200);
  });

  it('answers a wrong password with 401 IDENTITY_ERR_INVALID_CREDENTIALS', async () => {
    const response = await api.login('ada@example.org', 'wrong-password-entirely');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({
      type: 'https://docs.bazaar.dev/problems/invalid-credentials',
      title: 'Invalid email or password',
      code: 'IDENTITY_ERR_INVALID_CREDENTIALS',
    });
  });

  it('answers an unknown email exactly as it answers a wrong password', async () => {
    const wrongPassword = await api.login('ada@example.org', 'wrong-password-entirely');
    const unknownEmail = await api.login('nobody@example.org', 'wrong-password-entirely');
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
  });

  it('refuses a request without a password, naming the field', async () => {
    const response = await api.call('POST', '/api/v1/auth/login', {
      body: { email: 'ada@example.org' },
    });
    expect(response.status).toBe(400);
    expect(response.body['errors']).toEqual([expect.objectContaining({ field: 'body.password' })]);
  });

  it('counts successful and failed sign-ins separately', async () => {
    const successes = await metric('identity_logins_total', 'outcome="success"');
    const failures = await metric('identity_logins_total', 'outcome="failure"');
    await api.login('ada@example.org');
    await api.login('ada@example.org', 'wrong-password-entirely');
    await api.login('nobody@example.org', 'wrong-password-entirely');
    expect(await metric('identity_logins_total', 'outcome="success"')).toBe(successes + 1);
    expect(await metric('identity_logins_total', 'outcome="failure"')).toBe(failures + 2);
  });
});

describe('the signed-in user', () => {
  it('is returned for a token signed by the service', async () => {
    const { body } = await api.login('ada@example.org');
    const response = await api.call('GET', '/api/v1/auth/me', { token: body.accessToken });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: userId,
      email: 'ada@example.org',
      displayName: 'Ada',
      roles: ['customer'],
      createdAt: expect.any(String),
    });
  });

  it('needs a bearer token', async () => {
    const response = await api.call('GET', '/api/v1/auth/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('is refused for a token signed with another key, even with the right kid and issuer', async () => {
    const { body } = await api.login('ada@example.org');
    const { protectedHeader } = await api.verify(body.accessToken);
    const forged = await new SignJWT({ roles: ['customer', 'admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: protectedHeader.kid! })
      .setIssuer('bazaar-identity')
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(await importPKCS8(rsaKeyPair().privateKey, 'RS256'));
    const response = await api.call('GET', '/api/v1/auth/me', { token: forged });
    expect(response.status).toBe(401);
  });
});

describe('the JWK Set', () => {
  it('publishes the signing key with its RFC 7638 thumbprint as kid, cacheable for 300 s', async () => {
    const response = await api.call<{ keys: { kid: string; n: string; e: string }[] }>(
      'GET',
      '/api/v1/auth/jwks',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const [key] = response.body.keys;
    expect(response.body.keys).toHaveLength(1);
    expect(key).toEqual({
      kty: 'RSA',
      use: 'sig',
      alg: 'RS256',
      kid: expect.any(String),
      n: expect.any(String),
      e: 'AQAB',
    });
    expect(key!.kid).toBe(
      await calculateJwkThumbprint({ kty: 'RSA', n: key!.n, e: key!.e }, 'sha256'),
    );
  });

  it('holds the public half of the configured private key', async () => {
    const { body } = await api.call<{ keys: { n: string; e: string }[] }>(
      'GET',
      '/api/v1/auth/jwks',
    );
    const { createPublicKey } = await import('node:crypto');
    const published = createPublicKey({ key: { kty: 'RSA', ...body.keys[0]! }, format: 'jwk' });
    expect(published.export({ type: 'spki', format: 'pem' })).toBe(identity.keys.publicKey);
  });
});
