/**
 * Signs test JWTs with node:crypto for every algorithm family the jwt plugin verifies, and
 * makes key pairs; tokens are built by hand so malformed ones can be made too.
 */
import { constants, createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

export function b64url(value: string | Buffer | object): string {
  const bytes = Buffer.isBuffer(value)
    ? value
    : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
  return bytes.toString('base64url');
}

export type Algorithm =
  'HS256' | 'HS384' | 'HS512' | 'RS256' | 'RS512' | 'ES256' | 'ES384' | 'PS256' | 'EdDSA';

export function signJwt(
  claims: object,
  alg: Algorithm,
  key: string | Buffer | KeyObject,
  header: object = {},
): string {
  const input = `${b64url({ typ: 'JWT', alg, ...header })}.${b64url(claims)}`;
  const digest = `sha${alg.slice(2)}`;
  let signature: Buffer;
  if (alg.startsWith('HS'))
    signature = createHmac(digest, key as string | Buffer)
      .update(input)
      .digest();
  else if (alg.startsWith('RS')) signature = sign(digest, Buffer.from(input), key as KeyObject);
  else if (alg.startsWith('ES'))
    signature = sign(digest, Buffer.from(input), {
      key: key as KeyObject,
      dsaEncoding: 'ieee-p1363',
    });
  else if (alg.startsWith('PS')) {
    signature = sign(digest, Buffer.from(input), {
      key: key as KeyObject,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    });
  } else signature = sign(null, Buffer.from(input), key as KeyObject);
  return `${input}.${b64url(signature)}`;
}

export function keyPair(kind: 'rsa' | 'ec256' | 'ec384' | 'ed25519'): {
  privateKey: KeyObject;
  publicPem: string;
} {
  const pair =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : kind === 'ed25519'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('ec', { namedCurve: kind === 'ec256' ? 'P-256' : 'P-384' });
  return {
    privateKey: pair.privateKey,
    publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
