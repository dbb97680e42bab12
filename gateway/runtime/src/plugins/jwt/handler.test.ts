import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { bindPlugin, fakeContext, testConfig, upstreamHeader } from '../../testing/fake-request';
import { decodeJwt } from './jwt-parser';

const b64 = (v: object | Buffer) =>
  (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');
function hs256(claims: object, secret = 'sek', header: object = { alg: 'HS256' }): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${b64(createHmac('sha256', secret).update(input).digest())}`;
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const config = (pluginConfig: object = {}) =>
  testConfig({
    consumers: [
      {
        username: 'alice',
        jwt_secrets: [
          { key: 'k1', secret: 'sek' },
          {
            key: 'rs',
            algorithm: 'RS256',
            rsa_public_key: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          },
        ],
      },
      { username: 'anon' },
    ],
    plugins: [{ name: 'jwt', config: pluginConfig }],
  });

function run(pluginConfig: object, headers: [string, string][] = [], url = '/') {
  const ctx = fakeContext({ headers, url });
  bindPlugin(config(pluginConfig), 'jwt').access!(ctx);
  return ctx;
}

describe('jwt parser', () => {
  it('keeps dots after the second in the signature part (invalid signature, not invalid JSON)', () => {
    expect(decodeJwt(`${b64({ alg: 'HS256' })}.${b64({})}.a.b`)).toBe('invalid signature');
  });

  it('rejects a header that is not base64url JSON', () => {
    expect(decodeJwt('!!.e30.sig')).toBe('invalid JSON');
  });

  it('rejects alg none', () => {
    expect(decodeJwt(`${b64({ alg: 'none' })}.${b64({})}.`)).toBe('invalid alg');
  });
});

describe('jwt handler', () => {
  it('authenticates and sets the consumer headers and the credential key as identifier', () => {
    const ctx = run({}, [['Authorization', `Bearer ${hs256({ iss: 'k1' })}`]]);
    expect(ctx.exit).toBeUndefined();
    expect(ctx.consumer?.username).toBe('alice');
    expect(upstreamHeader(ctx, 'X-Credential-Identifier')).toBe('k1');
    expect(upstreamHeader(ctx, 'X-Consumer-Custom-ID')).toBeNull();
    expect(upstreamHeader(ctx, 'X-Anonymous-Consumer')).toBeNull();
  });

  it('answers 401 Unauthorized with a plain Bearer challenge when no token is present', () => {
    const ctx = run({});
    expect(ctx.exit?.status).toBe(401);
    expect(ctx.exit?.body).toBe('{"message":"Unauthorized"}');
    expect(ctx.exit?.headers).toContainEqual(['WWW-Authenticate', 'Bearer']);
  });

  it('reports claim errors as an object without message', () => {
    const ctx = run({ claims_to_verify: ['exp'] }, [
      ['Authorization', `Bearer ${hs256({ iss: 'k1', exp: 1 })}`],
    ]);
    expect(ctx.exit?.body).toBe('{"exp":"token expired"}');
  });

  it('rejects a token whose alg differs from the credential (no RS/HS confusion)', () => {
    const ctx = run({}, [['Authorization', `Bearer ${hs256({ iss: 'rs' }, 'whatever')}`]]);
    expect(ctx.exit?.body).toBe('{"message":"Invalid algorithm"}');
  });

  it('verifies RS256 tokens against the PEM public key', () => {
    const input = `${b64({ alg: 'RS256' })}.${b64({ iss: 'rs' })}`;
    const token = `${input}.${b64(sign('sha256', Buffer.from(input), rsa.privateKey))}`;
    expect(run({}, [['Authorization', `Bearer ${token}`]]).exit).toBeUndefined();
  });

  it('unions query and header tokens: the same token twice passes', () => {
    const token = hs256({ iss: 'k1' });
    expect(run({}, [['Authorization', `Bearer ${token}`]], `/?jwt=${token}`).exit).toBeUndefined();
  });

  it('reads header names case-insensitively with underscores as dashes', () => {
    expect(
      run({ header_names: ['x_jwt'] }, [['X-JWT', `Bearer ${hs256({ iss: 'k1' })}`]]).exit,
    ).toBeUndefined();
  });

  it('falls back to the anonymous consumer by username', () => {
    const ctx = run({ anonymous: 'anon' });
    expect(ctx.exit).toBeUndefined();
    expect(ctx.consumer?.username).toBe('anon');
    expect(upstreamHeader(ctx, 'X-Anonymous-Consumer')).toBe('true');
  });

  it('does nothing for OPTIONS with run_on_preflight false', () => {
    const ctx = fakeContext({ method: 'OPTIONS' });
    bindPlugin(config({ run_on_preflight: false }), 'jwt').access!(ctx);
    expect(ctx.exit).toBeUndefined();
  });

  it('escapes / in the compact JSON body as lua-cjson does', () => {
    const ctx = run({ key_claim_name: 'a/b' }, [
      ['Authorization', `Bearer ${hs256({ iss: 'k1' })}`],
    ]);
    expect(ctx.exit?.body).toBe(`{"message":"No mandatory 'a\\/b' in claims"}`);
  });
});
