/**
 * Refresh tokens on the wire and at rest (services/identity/src/credentials): 256 random bits,
 * base64url with an `rt_` prefix (matches the contract's `RefreshToken` pattern), stored only as
 * their SHA-256, so a leaked database does not hold usable tokens. A fast hash is enough here:
 * unlike passwords, the tokens carry full entropy and cannot be guessed from a digest.
 */
import { createHash, randomBytes } from 'node:crypto';

export const REFRESH_TOKEN_PREFIX = 'rt_';

export interface NewRefreshToken {
  token: string;
  hash: Buffer;
}

export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function newRefreshToken(): NewRefreshToken {
  const token = `${REFRESH_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashRefreshToken(token) };
}
