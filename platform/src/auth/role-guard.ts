/**
 * Handler-level authorization checks (platform/src/auth) for what `x-bazaar-roles` in the contract
 * cannot express: "admin, or the owner of this order". Each throws a ContractProblem that the
 * problem middleware renders (401, 403, or 404 when existence must not be revealed).
 */
import {
  ContractProblem,
  problem,
  type AuthContext,
} from '@bazaar/generated/http/runtime/server-runtime';

export function hasRole(auth: AuthContext | undefined, role: string): boolean {
  return auth?.roles.includes(role) ?? false;
}

/** @throws ContractProblem 401 when there is no authenticated caller. */
export function requireAuth(auth: AuthContext | undefined): asserts auth is AuthContext {
  if (!auth) {
    throw new ContractProblem(
      problem(401, 'UNAUTHORIZED', 'Authentication required', 'a bearer token is required'),
    );
  }
}

/** @throws ContractProblem 401 without a caller, 403 when the caller has none of `roles`. */
export function requireRole(
  auth: AuthContext | undefined,
  ...roles: [string, ...string[]]
): asserts auth is AuthContext {
  requireAuth(auth);
  if (!roles.some((role) => auth.roles.includes(role))) {
    throw new ContractProblem(
      problem(
        403,
        'FORBIDDEN',
        'Forbidden',
        `this operation requires the ${roles.join(' or ')} role`,
      ),
    );
  }
}

export interface OwnershipOptions {
  /**
   * What a caller who is not the owner learns: `not-found` (404, hides that the resource exists;
   * the usual choice for per-user resources), `forbidden` (403), or a problem of the service's
   * own catalog (e.g. ORDERS_ERR_ORDER_NOT_FOUND).
   */
  otherwise: 'not-found' | 'forbidden' | (() => ContractProblem);
  /** Roles that may act on anyone's resource (e.g. ['admin']). Default none. */
  bypassRoles?: readonly string[];
  /** Names the resource in the problem detail, e.g. "order". Default "resource". */
  resource?: string;
}

/**
 * Passes when the caller owns the resource (`ownerId` = their userId) or holds a bypass role.
 * @throws ContractProblem 401 without a caller, else 404/403/the given problem per `otherwise`.
 */
export function requireOwnership(
  auth: AuthContext | undefined,
  ownerId: string,
  options: OwnershipOptions,
): asserts auth is AuthContext {
  requireAuth(auth);
  if (auth.userId === ownerId) return;
  if (options.bypassRoles?.some((role) => auth.roles.includes(role))) return;
  const resource = options.resource ?? 'resource';
  if (options.otherwise === 'not-found') {
    throw new ContractProblem(
      problem(404, 'NOT_FOUND', 'Resource not found', `${resource} not found`),
    );
  }
  if (options.otherwise === 'forbidden') {
    throw new ContractProblem(
      problem(403, 'FORBIDDEN', 'Forbidden', `only the owner of this ${resource} may do this`),
    );
  }
  throw options.otherwise();
}
