/**
 * HTTP handler of `getJwks` (services/identity/src/http): the JWK Set of the signing key, cacheable
 * for IDENTITY_JWKS_MAX_AGE_SECONDS (verifiers refetch when a token names an unknown kid).
 */
import type { IdentityHandlers } from '@bazaar/generated/http/identity/server';
import type { SigningKey } from '../credentials/signing-key';

export function getJwksHandler(
  key: SigningKey,
  maxAgeSeconds: number,
): IdentityHandlers['getJwks'] {
  const body = { keys: [{ ...key.jwk }] };
  const cacheControl = `public, max-age=${maxAgeSeconds}`;
  return async (_input, reply) => reply(200, body, { 'Cache-Control': cacheControl });
}
