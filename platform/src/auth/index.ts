/** Public surface of platform/src/auth: bearer-token verification for the generated bindings and role/ownership guards. */
export {
  createJwtAuthenticate,
  invalidTokenProblem,
  ACCEPTED_ALGORITHMS,
  type JwtAuthenticateOptions,
} from './jwt-authenticate';
export {
  hasRole,
  requireAuth,
  requireRole,
  requireOwnership,
  type OwnershipOptions,
} from './role-guard';
export type { AuthContext, Authenticate } from '@bazaar/generated/http/runtime/server-runtime';
