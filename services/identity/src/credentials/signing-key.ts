/**
 * The RSA key identity signs access tokens with (services/identity/src/credentials): parsed from
 * PEM (PKCS#8 or PKCS#1, `\n` escapes allowed), its public half as SPKI PEM (what the gateway and
 * every service verify with) and as a JWK whose `kid` is the RFC 7638 thumbprint of the key, so
 * the id changes exactly when the key does.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import type { ConfigType } from '@bazaar/platform/config/index';

/** RS256 with a shorter modulus is refused (NIST SP 800-131A: at least 2048 bits). */
export const MIN_RSA_MODULUS_BITS = 2048;

/** The published form of the public key (contract schema `Jwk`). */
export interface PublicJwk {
  kty: 'RSA';
  use: 'sig';
  alg: 'RS256';
  kid: string;
  n: string;
  e: string;
}

export interface SigningKey {
  privateKey: KeyObject;
  /** SPKI PEM of the public half. */
  publicKeyPem: string;
  kid: string;
  jwk: PublicJwk;
}

/**
 * Parses an RSA private key PEM and returns it as PKCS#8 PEM.
 * @throws Error saying what is wrong (not a PEM, not RSA, too short); never echoes the key.
 */
export function parseRsaPrivateKeyPem(raw: string): string {
  const text = raw.replace(/\\n/g, '\n').trim();
  if (!/^-----BEGIN (RSA )?PRIVATE KEY-----/.test(text))
    throw new Error(
      'must be a PEM block "-----BEGIN PRIVATE KEY-----" (PKCS#8) or "-----BEGIN RSA PRIVATE KEY-----"',
    );
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: `${text}\n`, format: 'pem' });
  } catch {
    throw new Error('is not a readable unencrypted private key PEM');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error('must be an RSA key (tokens are RS256)');
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_MODULUS_BITS)
    throw new Error(`must have a modulus of at least ${MIN_RSA_MODULUS_BITS} bits (has ${bits})`);
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** Config type of IDENTITY_JWT_PRIVATE_KEY. */
export function rsaPrivateKeyConfigType(): ConfigType<string> {
  return { typeName: 'PEM (RSA PRIVATE KEY, PKCS#8 or PKCS#1)', parse: parseRsaPrivateKeyPem };
}

/** The SPKI PEM of the public half of `privateKeyPem`. */
export function publicKeyPemOf(privateKeyPem: string): string {
  return createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
}

/** Loads the signing key and derives its public forms and kid. */
export async function loadSigningKey(privateKeyPem: string): Promise<SigningKey> {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  const { n, e } = publicKey.export({ format: 'jwk' });
  if (typeof n !== 'string' || typeof e !== 'string') throw new Error('not an RSA public key');
  const kid = await calculateJwkThumbprint({ kty: 'RSA', n, e }, 'sha256');
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    kid,
    jwk: { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n, e },
  };
}
