/**
 * jwt plugin conformance (kong-gateway.md A3; Kong spec 03-plugins/16-jwt/03-access_spec.lua):
 * every failure row of A3.3 with its exact compact body and WWW-Authenticate, each signature
 * family, claims_to_verify, maximum_expiration, anonymous, run_on_preflight and token sources.
 */
import { echoOf, send } from './support/http-client';
import { b64url, keyPair, nowSeconds, signJwt } from './support/jwt-tokens';
import { serviceUrl, startSuite, stopSuite, type Suite } from './support/suite';

let suite: Suite;
const rsa = keyPair('rsa');
const ec = keyPair('ec256');
const ed = keyPair('ed25519');
const HS_SECRET = 'hs-secret-of-alice';
const B64_SECRET_RAW = Buffer.from('raw-bytes-secret');

beforeAll(async () => {
  suite = await startSuite((up) => {
    const route = (name: string, config: object = {}) => ({
      name: `jwt-${name}`,
      paths: [`/${name}`],
      plugins: [{ name: 'jwt', config }],
    });
    return {
      consumers: [
        {
          username: 'alice',
          custom_id: 'alice-custom',
          jwt_secrets: [
            { key: 'alice-hs', secret: HS_SECRET },
            { key: 'alice-rs', algorithm: 'RS256', rsa_public_key: rsa.publicPem },
            { key: 'alice-es', algorithm: 'ES256', rsa_public_key: ec.publicPem },
            { key: 'alice-ps', algorithm: 'PS256', rsa_public_key: rsa.publicPem },
            { key: 'alice-ed', algorithm: 'EdDSA', rsa_public_key: ed.publicPem },
            { key: 'alice-es-nokey', algorithm: 'ES256' },
            { key: 'alice-b64', secret: B64_SECRET_RAW.toString('base64url') },
          ],
        },
        { username: 'guest' },
      ],
      services: [
        {
          name: 'jwt-echo',
          url: serviceUrl(up),
          routes: [
            route('default'),
            route('realm', { realm: 'bazaar' }),
            route('claims', { claims_to_verify: ['exp', 'nbf'] }),
            route('maxexp', { claims_to_verify: ['exp'], maximum_expiration: 60 }),
            route('anon', { anonymous: 'guest' }),
            route('anon-missing', { anonymous: 'nobody' }),
            route('nopreflight', { run_on_preflight: false }),
            route('sources', { cookie_names: ['token'], uri_param_names: ['jwt', 'access_token'] }),
            route('b64', { secret_is_base64: true }),
            route('kid', { key_claim_name: 'kid' }),
          ],
        },
      ],
    };
  });
});

afterAll(() => stopSuite(suite));

const hs = (claims: object = {}) => signJwt({ iss: 'alice-hs', ...claims }, 'HS256', HS_SECRET);
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function call(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return send(suite.url, path, { method, headers });
}

describe('success', () => {
  it('proxies a valid HS256 token and sets the consumer headers upstream', async () => {
    const res = await call('/default', bearer(hs()));
    expect(res.status).toBe(200);
    const h = echoOf(res).headers;
    expect(h['x-consumer-username']).toBe('alice');
    expect(h['x-consumer-custom-id']).toBe('alice-custom');
    expect(h['x-consumer-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(h['x-credential-identifier']).toBe('alice-hs');
    expect(h['x-anonymous-consumer']).toBeUndefined();
  });

  it('forwards the Authorization header unchanged', async () => {
    const token = hs();
    expect(echoOf(await call('/default', bearer(token))).headers.authorization).toBe(
      `Bearer ${token}`,
    );
  });

  it('overwrites client-supplied consumer headers', async () => {
    const res = await call('/default', {
      ...bearer(hs()),
      'X-Consumer-Username': 'mallory',
      'X-Anonymous-Consumer': 'true',
    });
    const h = echoOf(res).headers;
    expect(h['x-consumer-username']).toBe('alice');
    expect(h['x-anonymous-consumer']).toBeUndefined();
  });

  it.each([
    ['RS256', () => signJwt({ iss: 'alice-rs' }, 'RS256', rsa.privateKey)],
    ['ES256', () => signJwt({ iss: 'alice-es' }, 'ES256', ec.privateKey)],
    ['PS256', () => signJwt({ iss: 'alice-ps' }, 'PS256', rsa.privateKey)],
    ['EdDSA', () => signJwt({ iss: 'alice-ed' }, 'EdDSA', ed.privateKey)],
  ])('verifies %s signatures', async (_alg, token) => {
    expect((await call('/default', bearer(token()))).status).toBe(200);
  });

  it('base64url-decodes HS secrets with secret_is_base64', async () => {
    const token = signJwt({ iss: 'alice-b64' }, 'HS256', B64_SECRET_RAW);
    expect((await call('/b64', bearer(token))).status).toBe(200);
  });

  it('falls back to the JWT header for the key claim', async () => {
    const token = signJwt({ sub: 'x' }, 'HS256', HS_SECRET, { kid: 'alice-hs' });
    expect((await call('/kid', bearer(token))).status).toBe(200);
  });

  it('does not check exp when claims_to_verify is not set', async () => {
    expect((await call('/default', bearer(hs({ exp: nowSeconds() - 100 })))).status).toBe(200);
  });
});

describe('failure rows (401, compact JSON, no request id)', () => {
  async function expect401(res: Awaited<ReturnType<typeof call>>, body: object, www: string) {
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual(body);
    expect(res.headers['www-authenticate']).toBe(www);
  }

  it('row 1: no token → Unauthorized with plain Bearer challenge', async () => {
    await expect401(await call('/default'), { message: 'Unauthorized' }, 'Bearer');
  });

  it('row 1: is not content-negotiated', async () => {
    const res = await call('/default', { Accept: 'text/html' });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toBe('{"message":"Unauthorized"}');
  });

  it('row 2: two different tokens → Multiple tokens provided', async () => {
    await expect401(
      await call(`/default?jwt=${hs({ a: 1 })}`, bearer(hs({ a: 2 }))),
      { message: 'Multiple tokens provided' },
      'Bearer error="invalid_token"',
    );
  });

  it('row 2: the same token twice is fine', async () => {
    const token = hs();
    expect((await call(`/default?jwt=${token}`, bearer(token))).status).toBe(200);
  });

  it('row 3: not three base64url JSON parts → Bad token; invalid JSON', async () => {
    await expect401(
      await call('/default', bearer('abc.def')),
      { message: 'Bad token; invalid JSON' },
      'Bearer error="invalid_token"',
    );
  });

  it('row 4: alg none → Bad token; invalid alg', async () => {
    const token = `${b64url({ alg: 'none' })}.${b64url({ iss: 'alice-hs' })}.`;
    await expect401(
      await call('/default', bearer(token)),
      { message: 'Bad token; invalid alg' },
      'Bearer error="invalid_token"',
    );
  });

  it('row 5: signature part not base64url → Bad token; invalid signature', async () => {
    const token = `${b64url({ alg: 'HS256' })}.${b64url({ iss: 'alice-hs' })}.a+b/`;
    await expect401(
      await call('/default', bearer(token)),
      { message: 'Bad token; invalid signature' },
      'Bearer error="invalid_token"',
    );
  });

  it("row 6: no iss → No mandatory 'iss' in claims", async () => {
    const token = signJwt({ sub: 'x' }, 'HS256', HS_SECRET);
    await expect401(
      await call('/default', bearer(token)),
      { message: "No mandatory 'iss' in claims" },
      'Bearer error="invalid_token"',
    );
  });

  it("row 7: empty iss → Invalid 'iss' in claims", async () => {
    const token = signJwt({ iss: '' }, 'HS256', HS_SECRET);
    await expect401(
      await call('/default', bearer(token)),
      { message: "Invalid 'iss' in claims" },
      'Bearer error="invalid_token"',
    );
  });

  it("row 8: unknown key → No credentials found for given 'iss'", async () => {
    const token = signJwt({ iss: 'nobody' }, 'HS256', HS_SECRET);
    await expect401(
      await call('/default', bearer(token)),
      { message: "No credentials found for given 'iss'" },
      'Bearer error="invalid_token"',
    );
  });

  it('row 9: alg differs from the credential → Invalid algorithm', async () => {
    const token = signJwt({ iss: 'alice-rs' }, 'HS256', rsa.publicPem);
    await expect401(
      await call('/default', bearer(token)),
      { message: 'Invalid algorithm' },
      'Bearer error="invalid_token"',
    );
  });

  it('row 10: ES256 credential without public key → Invalid key/secret', async () => {
    const token = signJwt({ iss: 'alice-es-nokey' }, 'ES256', ec.privateKey);
    await expect401(
      await call('/default', bearer(token)),
      { message: 'Invalid key/secret' },
      'Bearer error="invalid_token"',
    );
  });

  it('row 11: wrong signature → Invalid signature', async () => {
    const token = signJwt({ iss: 'alice-hs' }, 'HS256', 'another-secret');
    await expect401(
      await call('/default', bearer(token)),
      { message: 'Invalid signature' },
      'Bearer error="invalid_token"',
    );
  });

  it('row 12: expired token → {"exp":"token expired"} without message', async () => {
    await expect401(
      await call('/claims', bearer(hs({ exp: nowSeconds() - 1, nbf: nowSeconds() - 10 }))),
      { exp: 'token expired' },
      'Bearer error="invalid_token"',
    );
  });

  it('row 12: nbf in the future → token not valid yet', async () => {
    const res = await call(
      '/claims',
      bearer(hs({ exp: nowSeconds() + 100, nbf: nowSeconds() + 100 })),
    );
    expect(JSON.parse(res.body)).toEqual({ nbf: 'token not valid yet' });
  });

  it('row 12: missing claims → must be a number for each', async () => {
    const res = await call('/claims', bearer(hs()));
    expect(JSON.parse(res.body)).toEqual({ exp: 'must be a number', nbf: 'must be a number' });
  });

  it('row 13: exp beyond maximum_expiration → exceeds maximum allowed expiration', async () => {
    await expect401(
      await call('/maxexp', bearer(hs({ exp: nowSeconds() + 3600 }))),
      { exp: 'exceeds maximum allowed expiration' },
      'Bearer error="invalid_token"',
    );
  });

  it('row 13: exp within maximum_expiration passes', async () => {
    expect((await call('/maxexp', bearer(hs({ exp: nowSeconds() + 30 })))).status).toBe(200);
  });

  it('puts the realm into both challenges, with a comma before error', async () => {
    expect((await call('/realm')).headers['www-authenticate']).toBe('Bearer realm="bazaar"');
    expect((await call('/realm', bearer('x.y'))).headers['www-authenticate']).toBe(
      'Bearer realm="bazaar", error="invalid_token"',
    );
  });

  it('answers 500 for an ES256 signature of the wrong length', async () => {
    const [h, c] = signJwt({ iss: 'alice-es' }, 'ES256', ec.privateKey).split('.');
    const res = await call('/default', bearer(`${h}.${c}.${b64url(Buffer.alloc(10))}`));
    expect(res.status).toBe(500);
  });
});

describe('token sources', () => {
  it('reads the token from the jwt query parameter', async () => {
    expect((await call(`/default?jwt=${hs()}`)).status).toBe(200);
  });

  it('reads a configured cookie', async () => {
    expect((await call('/sources', { Cookie: `other=1; token=${hs()}` })).status).toBe(200);
  });

  it('ignores an Authorization header without the Bearer word', async () => {
    expect(JSON.parse((await call('/default', { Authorization: hs() })).body)).toEqual({
      message: 'Unauthorized',
    });
  });

  it('accepts lower-case bearer', async () => {
    expect((await call('/default', { Authorization: `bearer ${hs()}` })).status).toBe(200);
  });

  it('calls a bare ?jwt an Unrecognizable token', async () => {
    expect(JSON.parse((await call('/default?jwt')).body)).toEqual({
      message: 'Unrecognizable token',
    });
  });
});

describe('anonymous and preflight', () => {
  it('lets a failed request through as the anonymous consumer', async () => {
    const res = await call('/anon');
    expect(res.status).toBe(200);
    const h = echoOf(res).headers;
    expect(h['x-consumer-username']).toBe('guest');
    expect(h['x-anonymous-consumer']).toBe('true');
    expect(h['x-credential-identifier']).toBeUndefined();
  });

  it('still authenticates a valid token when anonymous is set', async () => {
    const h = echoOf(await call('/anon', bearer(hs()))).headers;
    expect(h['x-consumer-username']).toBe('alice');
    expect(h['x-anonymous-consumer']).toBeUndefined();
  });

  it('answers 500 with the standard body when the anonymous consumer does not exist', async () => {
    const res = await call('/anon-missing');
    expect(res.status).toBe(500);
    expect(res.json().message).toBe("anonymous consumer nobody is configured but doesn't exist");
    expect(res.json().request_id).toBe(res.headers['x-kong-request-id']);
  });

  it('skips every OPTIONS request with run_on_preflight false', async () => {
    expect((await call('/nopreflight', {}, 'OPTIONS')).status).toBe(200);
    expect((await call('/nopreflight')).status).toBe(401);
  });
});
