/**
 * Whose cart a request addresses: the signed-in user's, taken from the token's subject. Every
 * cart operation needs a user token; a token whose subject is not a user id (a service token)
 * has no cart, and is answered 401 rather than failing deep in the database.
 */
import {
  ContractProblem,
  problem,
  type AuthContext,
} from '@bazaar/generated/http/runtime/server-runtime';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function cartOwnerOf(auth: AuthContext): string {
  if (!UUID.test(auth.userId)) {
    throw new ContractProblem(
      problem(401, 'UNAUTHORIZED', 'Authentication required', 'the token does not name a user'),
      { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } },
    );
  }
  return auth.userId.toLowerCase();
}
