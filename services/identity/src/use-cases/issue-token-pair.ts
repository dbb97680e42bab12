/**
 * Issues an access token and a refresh token for a user (services/identity/src/use-cases): the
 * first pair of a new family at sign-in, or the next pair of an existing family at refresh. The
 * refresh token is stored (as its digest) in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { refreshTokenExpiry } from '../domain/refresh-token-family';
import type { User } from '../domain/user';
import { newRefreshToken } from '../credentials/refresh-token-codec';
import { insertFamily, insertToken } from '../persistence/refresh-token-store';
import type { Queryable } from '../persistence/queryable';
import type { IdentityContext, TokenPair } from './identity-context';

/** Opens a new family for `user` and issues its first pair. */
export async function issueFirstPair(
  ctx: IdentityContext,
  db: Queryable,
  user: User,
): Promise<TokenPair> {
  const familyId = randomUUID();
  await insertFamily(db, { id: familyId, userId: user.id, createdAt: ctx.now() });
  return issueNextPair(ctx, db, familyId, user);
}

/** Issues the next pair of `familyId`, whose lock the caller holds. */
export async function issueNextPair(
  ctx: IdentityContext,
  db: Queryable,
  familyId: string,
  user: User,
): Promise<TokenPair> {
  const issuedAt = ctx.now();
  const refresh = newRefreshToken();
  await insertToken(db, {
    hash: refresh.hash,
    familyId,
    issuedAt,
    expiresAt: refreshTokenExpiry(issuedAt, ctx.lifetimes.refreshToken),
  });
  const access = await ctx.accessTokens.issue(user.id, user.roles, ctx.lifetimes.accessToken);
  return {
    accessToken: access.token,
    refreshToken: refresh.token,
    tokenType: 'Bearer',
    expiresIn: access.expiresIn,
    refreshExpiresIn: ctx.lifetimes.refreshToken,
  };
}
