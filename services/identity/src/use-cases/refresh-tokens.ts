/**
 * Use case `refreshTokens` (services/identity/src/use-cases): trades a refresh token for the next
 * pair of its family, or, when the token was used before, revokes the whole family. Runs under the
 * family's row lock, so of two simultaneous presentations of one token exactly one rotates and the
 * other is treated as the reuse it is.
 */
import { withTransaction } from '@bazaar/platform/db/index';
import { decideRefresh } from '../domain/refresh-token-family';
import { hashRefreshToken } from '../credentials/refresh-token-codec';
import { lockFamilyOf, markTokenUsed, revokeFamily } from '../persistence/refresh-token-store';
import { findUserById } from '../persistence/user-store';
import type { IdentityContext, TokenPair } from './identity-context';
import { issueNextPair } from './issue-token-pair';

export type RefreshResult =
  | { ok: true; tokens: TokenPair }
  | { ok: false; error: 'reused' }
  | { ok: false; error: 'invalid'; reason: 'unknown' | 'expired' | 'revoked' };

export async function refreshTokens(
  ctx: IdentityContext,
  refreshToken: string,
): Promise<RefreshResult> {
  const hash = hashRefreshToken(refreshToken);
  const result = await withTransaction(ctx.pool, async (tx): Promise<RefreshResult> => {
    const now = ctx.now();
    const decision = decideRefresh(await lockFamilyOf(tx, hash), now);
    if (decision.outcome === 'reject')
      return { ok: false, error: 'invalid', reason: decision.reason };
    if (decision.outcome === 'revoke-family') {
      await revokeFamily(tx, decision.familyId, 'reuse', now);
      return { ok: false, error: 'reused' };
    }
    // Roles are read now, so a role change shows in the next access token (contract).
    const user = await findUserById(tx, decision.userId);
    if (!user) return { ok: false, error: 'invalid', reason: 'unknown' };
    await markTokenUsed(tx, hash, now);
    return { ok: true, tokens: await issueNextPair(ctx, tx, decision.familyId, user) };
  });
  ctx.metrics.refreshes.inc({
    outcome: result.ok ? 'success' : result.error === 'reused' ? 'reused' : 'invalid',
  });
  return result;
}
