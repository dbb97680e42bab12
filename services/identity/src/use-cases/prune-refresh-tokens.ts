/**
 * Removes refresh-token families that have fully expired (services/identity/src/use-cases), so the
 * token tables hold live sign-ins only; run periodically by the pruning worker.
 */
import { deleteFamiliesExpiredBy } from '../persistence/refresh-token-store';
import type { IdentityContext } from './identity-context';

/** Returns the number of families removed. */
export function pruneRefreshTokens(ctx: Pick<IdentityContext, 'pool' | 'now'>): Promise<number> {
  return deleteFamiliesExpiredBy(ctx.pool, ctx.now());
}
