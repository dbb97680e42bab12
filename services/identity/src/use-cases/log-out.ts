/**
 * Use case `logout` (services/identity/src/use-cases): revokes the family of the caller's refresh
 * token. A token that is unknown, already revoked or someone else's changes nothing, and the
 * caller cannot tell the difference (contract: safe to repeat).
 */
import { withTransaction } from '@bazaar/platform/db/index';
import { decideLogout } from '../domain/refresh-token-family';
import { hashRefreshToken } from '../credentials/refresh-token-codec';
import { lockFamilyOf, revokeFamily } from '../persistence/refresh-token-store';
import type { IdentityContext } from './identity-context';

export async function logOut(
  ctx: IdentityContext,
  callerId: string,
  refreshToken: string,
): Promise<void> {
  await withTransaction(ctx.pool, async (tx) => {
    const token = await lockFamilyOf(tx, hashRefreshToken(refreshToken));
    if (token && decideLogout(token, callerId))
      await revokeFamily(tx, token.familyId, 'logout', ctx.now());
  });
}
