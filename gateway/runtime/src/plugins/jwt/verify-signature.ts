/**
 * Signature checks with node:crypto for every algorithm Kong's jwt plugin supports (A3.3):
 * HMAC, RSA PKCS#1 v1.5, RSA-PSS, ECDSA with raw r||s signatures, and EdDSA. Keys are parsed once
 * per credential. Length assertions Kong makes (ES*, PS*) throw, which the proxy turns into 500.
 */
import {
  constants,
  createHmac,
  createPublicKey,
  type KeyObject,
  timingSafeEqual,
  verify,
} from 'node:crypto';

const DIGEST: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };
const ES_LENGTH: Record<string, number> = { ES256: 64, ES384: 96, ES512: 132 };

export class SignatureAssertionError extends Error {}

export type VerificationKey =
  { kind: 'secret'; secret: Buffer } | { kind: 'public'; key: KeyObject };

export function publicKey(pem: string): VerificationKey {
  // An unparsable PEM makes Kong's `assert(pkey, "Consumer Public Key is Invalid")` fail: a 500.
  try {
    return { kind: 'public', key: createPublicKey(pem) };
  } catch {
    throw new SignatureAssertionError('Consumer Public Key is Invalid');
  }
}

export function verifySignature(
  alg: string,
  signingInput: string,
  signature: Buffer,
  key: VerificationKey,
): boolean {
  const digest = DIGEST[alg.slice(2)];
  const data = Buffer.from(signingInput, 'latin1');
  if (alg.startsWith('HS')) {
    if (key.kind !== 'secret') return false;
    const expected = createHmac(digest!, key.secret).update(data).digest();
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  }
  if (key.kind !== 'public') return false;
  try {
    if (alg.startsWith('RS')) return verify(digest!, data, key.key, signature);
    if (alg.startsWith('ES')) {
      if (signature.length !== ES_LENGTH[alg])
        throw new SignatureAssertionError(`Signature must be ${ES_LENGTH[alg]} bytes.`);
      return verify(digest!, data, { key: key.key, dsaEncoding: 'ieee-p1363' }, signature);
    }
    if (alg.startsWith('PS')) {
      if (signature.length !== 256)
        throw new SignatureAssertionError('Signature must be 256 bytes');
      return verify(
        digest!,
        data,
        {
          key: key.key,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_AUTO,
        },
        signature,
      );
    }
    return verify(null, data, key.key, signature);
  } catch (err) {
    if (err instanceof SignatureAssertionError) throw err;
    // lua-resty-openssl's verify returns nil, err for a key/algorithm mismatch: "Invalid signature".
    return false;
  }
}
