import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint, importJWK, jwtVerify } from 'jose';
import { AccessTokenIssuer } from './access-token-issuer';
import { loadSigningKey, parseRsaPrivateKeyPem, publicKeyPemOf } from './signing-key';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

describe('reading the signing key', () => {
  it('accepts a PKCS#8 PEM written on one line with \\n escapes', () => {
    const oneLine = privateKey.trimEnd().split('\n').join('\\n');
    expect(publicKeyPemOf(parseRsaPrivateKeyPem(oneLine))).toBe(publicKey);
  });

  it('accepts a PKCS#1 PEM and returns it as PKCS#8', () => {
    const { privateKey: pkcs1 } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    });
    expect(parseRsaPrivateKeyPem(pkcs1)).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('refuses a public key where the private key belongs', () => {
    expect(() => parseRsaPrivateKeyPem(publicKey)).toThrow(/must be a PEM block/);
  });

  it('refuses an RSA key shorter than 2048 bits', () => {
    const { privateKey: weak } = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect(() => parseRsaPrivateKeyPem(weak)).toThrow(
      'must have a modulus of at least 2048 bits (has 1024)',
    );
  });

  it('refuses a key that is not RSA', () => {
    const { privateKey: ec } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect(() => parseRsaPrivateKeyPem(ec)).toThrow('must be an RSA key (tokens are RS256)');
  });
});

describe('the published key', () => {
  it('has the RFC 7638 thumbprint of the key as its kid', async () => {
    const key = await loadSigningKey(privateKey);
    const expected = await calculateJwkThumbprint(
      { kty: 'RSA', n: key.jwk.n, e: key.jwk.e },
      'sha256',
    );
    expect(key.kid).toBe(expected);
    expect(key.jwk).toEqual({
      kty: 'RSA',
      use: 'sig',
      alg: 'RS256',
      kid: expected,
      n: key.jwk.n,
      e: 'AQAB',
    });
  });

  it('gets another kid when the key changes', async () => {
    const { privateKey: other } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect((await loadSigningKey(other)).kid).not.toBe((await loadSigningKey(privateKey)).kid);
  });
});

describe('an issued access token', () => {
  it('verifies with the published JWK and carries the contract claims', async () => {
    const key = await loadSigningKey(privateKey);
    const now = new Date('2026-11-23T10:00:00.000Z');
    const issuer = new AccessTokenIssuer({ key, issuer: 'bazaar-identity', now: () => now });
    const { token, expiresIn, jti } = await issuer.issue('user-1', ['customer', 'admin'], 900);
    const { payload, protectedHeader } = await jwtVerify(token, await importJWK(key.jwk, 'RS256'), {
      issuer: 'bazaar-identity',
      currentDate: now,
    });
    expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'JWT', kid: key.kid });
    expect(payload).toEqual({
      iss: 'bazaar-identity',
      sub: 'user-1',
      roles: ['customer', 'admin'],
      iat: now.getTime() / 1000,
      exp: now.getTime() / 1000 + 900,
      jti,
    });
    expect(expiresIn).toBe(900);
  });
});
