/**
 * Verifies the bearer token of each request (platform/src/auth): the gateway's jwt plugin has
 * already checked it, and the service checks again (RS256 signature with the identity service's
 * public key, issuer, exp/nbf) so that nothing reaching it around the gateway is trusted. Produces
 * the `Authenticate` function the generated server bindings call.
 */
import { trace } from '@opentelemetry/api';
import { errors as joseErrors, importSPKI, jwtVerify, type JWTPayload, type KeyLike } from 'jose';
import {
  ContractProblem,
  problem,
  type AuthContext,
  type Authenticate,
} from '@bazaar/generated/http/runtime/server-runtime';
import { addLogContext } from '../telemetry/log-context';

/** Identity signs with RS256 only; any other `alg` is refused (no `none`, no HS256 key confusion). */
export const ACCEPTED_ALGORITHMS = ['RS256'] as const;

export interface JwtAuthenticateOptions {
  /** SPKI PEM of the identity service's signing key (config `<PREFIX>_JWT_PUBLIC_KEY`). */
  publicKeyPem: string;
  /** Expected `iss` (config `<PREFIX>_JWT_ISSUER`, e.g. bazaar-identity). */
  issuer: string;
  /** Expected `aud`, when tokens carry one. Not checked if absent. */
  audience?: string;
  /** Skew allowed on `exp`/`nbf`, in seconds. Default 5. */
  clockToleranceSeconds?: number;
  /** Realm in WWW-Authenticate. Default "bazaar". */
  realm?: string;
  /** Clock for exp/nbf checks; injectable for tests. Default the system clock. */
  now?: () => Date;
}

/** Builds the 401 problem for credentials that were presented but are not acceptable. */
export function invalidTokenProblem(
  detail: string,
  realm = 'bazaar',
  cause?: unknown,
): ContractProblem {
  // RFC 6750 §3: error="invalid_token" tells the client to get a new token rather than retry.
  const description = detail.replace(/["\\]/g, "'");
  return new ContractProblem(problem(401, 'UNAUTHORIZED', 'Authentication required', detail), {
    headers: {
      'WWW-Authenticate': `Bearer realm="${realm}", error="invalid_token", error_description="${description}"`,
    },
    cause,
  });
}

function describeJoseError(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'token has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return 'token is not valid yet (nbf)';
    return `token claim "${err.claim}" is invalid: ${err.reason === 'check_failed' ? err.message : err.reason}`;
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed)
    return `token algorithm is not allowed; tokens must be signed with ${ACCEPTED_ALGORITHMS.join(', ')}`;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'token signature verification failed';
  if (err instanceof joseErrors.JWSInvalid || err instanceof joseErrors.JWTInvalid)
    return 'token is malformed';
  return 'token is invalid';
}

function rolesFrom(payload: JWTPayload): readonly string[] {
  const roles = payload['roles'];
  if (roles === undefined) return [];
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
    throw new Error('token claim "roles" must be an array of strings');
  }
  return Object.freeze([...roles]);
}

/**
 * Imports the key once and returns the Authenticate function for the generated bindings:
 * no Authorization header → undefined (the binding answers 401 where a token is required);
 * a header that is not a valid RS256 token from `issuer` → ContractProblem 401 with
 * `WWW-Authenticate: Bearer … error="invalid_token"`; otherwise the caller's AuthContext, whose
 * userId is also added to the log context and the active span.
 *
 * @throws at creation when the PEM is not an RSA SPKI public key.
 */
export async function createJwtAuthenticate(
  options: JwtAuthenticateOptions,
): Promise<Authenticate> {
  let key: KeyLike;
  try {
    key = await importSPKI(options.publicKeyPem, 'RS256');
  } catch (err) {
    throw new Error(`JWT public key is not an RS256 SPKI PEM: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const realm = options.realm ?? 'bazaar';
  const clockTolerance = options.clockToleranceSeconds ?? 5;

  return async function authenticate(req): Promise<AuthContext | undefined> {
    const header = req.headers.authorization;
    if (header === undefined || header.trim() === '') return undefined;
    const match = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i.exec(header);
    if (!match?.[1])
      throw invalidTokenProblem('Authorization header must be "Bearer <token>"', realm);
    const token = match[1];

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: [...ACCEPTED_ALGORITHMS],
        issuer: options.issuer,
        clockTolerance,
        requiredClaims: ['sub', 'exp'],
        ...(options.audience ? { audience: options.audience } : {}),
        ...(options.now ? { currentDate: options.now() } : {}),
      }));
    } catch (err) {
      throw invalidTokenProblem(describeJoseError(err), realm, err);
    }

    let roles: readonly string[];
    try {
      roles = rolesFrom(payload);
    } catch (err) {
      throw invalidTokenProblem((err as Error).message, realm, err);
    }
    const userId = payload.sub;
    if (!userId) throw invalidTokenProblem('token claim "sub" must be a non-empty string', realm);

    addLogContext({ userId });
    trace.getActiveSpan()?.setAttribute('enduser.id', userId);
    return Object.freeze({ userId, roles, token, claims: Object.freeze({ ...payload }) });
  };
}
