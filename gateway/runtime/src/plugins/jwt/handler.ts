/**
 * jwt (PRIORITY 1450, kong-gateway.md A3): collects tokens from query, cookies and headers,
 * verifies the signature against the consumer's jwt_secret, checks the listed registered claims,
 * and authenticates the consumer — or answers 401 with Kong's compact bodies and WWW-Authenticate,
 * or falls back to the `anonymous` consumer. Decoded, verified tokens are cached (the signature of
 * a given token under a given key never changes); time-dependent claims are checked every request.
 */
import type { CredentialStore } from '../../declarative-config/credential-store';
import type { JwtSecret } from '../../declarative-config/model';
import { kongError, kongExit } from '../../proxy/kong-response';
import type { RequestContext } from '../../proxy/request-context';
import { anonymousConsumerError, authenticate } from '../consumer-headers';
import type { PluginHandler } from '../plugin';
import { decodeBase64Url, decodeJwt, type DecodedJwt } from './jwt-parser';
import { type JwtConfig, jwtSchema } from './schema';
import { publicKey, type VerificationKey, verifySignature } from './verify-signature';
import { collectTokens } from './token-sources';

interface Failure {
  message?: string;
  errors?: Record<string, string>;
  /** WWW-Authenticate without `error="invalid_token"` (no token at all). */
  noToken?: boolean;
}

interface Verified {
  jwt: DecodedJwt;
  secret: JwtSecret;
}

const CACHE_LIMIT = 10000;

/** Per-credential verification keys, built on first use. */
function keyFor(
  secret: JwtSecret,
  base64: boolean,
  cache: Map<string, VerificationKey | null>,
): VerificationKey | null {
  const cacheKey = `${secret.id}:${base64}`;
  let key = cache.get(cacheKey);
  if (key !== undefined) return key;
  if (secret.algorithm.startsWith('HS')) {
    const bytes = base64 ? decodeBase64Url(secret.secret) : Buffer.from(secret.secret, 'utf8');
    key = bytes ? { kind: 'secret', secret: bytes } : null;
  } else {
    key = secret.rsa_public_key === undefined ? null : publicKey(secret.rsa_public_key);
  }
  cache.set(cacheKey, key);
  return key;
}

function registeredClaimErrors(
  claims: Record<string, unknown>,
  conf: JwtConfig,
): Record<string, string> | undefined {
  const now = Math.floor(Date.now() / 1000);
  let errors: Record<string, string> | undefined;
  for (const name of conf.claims_to_verify ?? []) {
    const value = claims[name];
    let error: string | undefined;
    if (typeof value !== 'number') error = 'must be a number';
    else if (name === 'exp' && value <= now) error = 'token expired';
    else if (name === 'nbf' && value > now) error = 'token not valid yet';
    if (error) (errors ??= {})[name] = error;
  }
  if (errors) return errors;
  if (conf.maximum_expiration > 0) {
    const exp = claims.exp;
    if (typeof exp !== 'number' || exp - now > conf.maximum_expiration)
      return { exp: 'exceeds maximum allowed expiration' };
  }
  return undefined;
}

export const jwtPlugin: PluginHandler = {
  name: 'jwt',
  priority: 1450,
  schema: jwtSchema,
  create(instance, env) {
    const conf = instance.config as unknown as JwtConfig;
    const credentials: CredentialStore = env.credentials;
    const keys = new Map<string, VerificationKey | null>();
    const verified = new Map<string, Verified | Failure>();
    const claim = conf.key_claim_name;
    const wwwBase = conf.realm === undefined ? 'Bearer' : `Bearer realm="${conf.realm}"`;
    const wwwError =
      conf.realm === undefined
        ? 'Bearer error="invalid_token"'
        : `${wwwBase}, error="invalid_token"`;

    /** Everything that depends only on the token text: decoding, credential, signature. */
    function verifyToken(token: string): Verified | Failure {
      const cached = verified.get(token);
      if (cached) return cached;
      const result = verifyUncached(token);
      if (verified.size >= CACHE_LIMIT) verified.clear();
      verified.set(token, result);
      return result;
    }

    function verifyUncached(token: string): Verified | Failure {
      const jwt = decodeJwt(token);
      if (typeof jwt === 'string') return { message: `Bad token; ${jwt}` };
      // Lua `claims[k] or header[k]`: only absent/false fall through (JSON null is truthy there).
      const fromClaims = jwt.claims[claim];
      const keyValue =
        fromClaims === undefined || fromClaims === false ? jwt.header[claim] : fromClaims;
      if (keyValue === undefined || keyValue === false) {
        return { message: `No mandatory '${claim}' in claims` };
      }
      if (keyValue === '') return { message: `Invalid '${claim}' in claims` };
      const secret = typeof keyValue === 'string' ? credentials.jwtSecret(keyValue) : undefined;
      if (!secret) return { message: `No credentials found for given '${claim}'` };
      if (jwt.header.alg !== secret.algorithm) return { message: 'Invalid algorithm' };
      const key = keyFor(secret, conf.secret_is_base64, keys);
      if (key === null) return { message: 'Invalid key/secret' };
      if (!verifySignature(secret.algorithm, jwt.signingInput, jwt.signature, key))
        return { message: 'Invalid signature' };
      return { jwt, secret };
    }

    function authenticateRequest(ctx: RequestContext): Failure | undefined {
      const tokens = collectTokens(ctx, conf);
      if (tokens.size === 0) return { message: 'Unauthorized', noToken: true };
      if (tokens.size > 1) return { message: 'Multiple tokens provided' };
      const token = tokens.values().next().value!;
      if (typeof token !== 'string') return { message: 'Unrecognizable token' };
      const result = verifyToken(token);
      if (!('jwt' in result)) return result;
      const errors = registeredClaimErrors(result.jwt.claims, conf);
      if (errors) return { errors };
      const consumer = credentials.consumerById(result.secret.consumerId);
      if (!consumer)
        return { message: `Could not find consumer for '${claim}=${result.secret.key}'` };
      authenticate(
        ctx,
        consumer,
        { id: result.secret.id, key: result.secret.key },
        result.secret.key,
      );
      ctx.setState('jwt', token);
      return undefined;
    }

    return {
      access(ctx) {
        if (!conf.run_on_preflight && ctx.method === 'OPTIONS') return;
        if (conf.anonymous !== undefined) {
          // "Logical OR": an earlier auth plugin already succeeded, or fall back to anonymous.
          if (ctx.credential) return;
          if (authenticateRequest(ctx) === undefined) return;
          const anonymous = credentials.consumerByIdOrUsername(conf.anonymous);
          if (!anonymous) kongError(ctx, 500, anonymousConsumerError(conf.anonymous));
          else authenticate(ctx, anonymous, undefined, undefined);
          return;
        }
        const failure = authenticateRequest(ctx);
        if (!failure) return;
        kongExit(ctx, 401, failure.errors ?? { message: failure.message }, [
          ['WWW-Authenticate', failure.noToken ? wwwBase : wwwError],
        ]);
      },
    };
  },
};
