/**
 * The rules of rotating refresh tokens (services/identity/src/domain; contract `refreshTokens`):
 * each token can be traded once for a new pair; tokens descending from one sign-in form a family;
 * presenting a token that was already used means it was copied, so the whole family is revoked.
 */

/** What the store knows about a presented token and its family. */
export interface StoredRefreshToken {
  familyId: string;
  userId: string;
  expiresAt: Date;
  /** When it was traded for a new pair; undefined while unused. */
  usedAt?: Date;
  /** When its family was revoked (logout or reuse); undefined while the family is live. */
  familyRevokedAt?: Date;
}

export type RefreshDecision =
  /** Mark it used and issue its successor in the same family. */
  | { outcome: 'rotate'; familyId: string; userId: string }
  /** A second use: revoke every token of the family and refuse. */
  | { outcome: 'revoke-family'; familyId: string; userId: string }
  /** Unknown, expired or already revoked: refuse and change nothing. */
  | { outcome: 'reject'; reason: 'unknown' | 'expired' | 'revoked' };

/**
 * Decides what presenting a refresh token does. Reuse is checked before expiry: a copied token
 * keeps signalling theft after it expires, while its family's newer tokens may still be live.
 * A token of an already revoked family is only rejected; there is nothing left to revoke.
 */
export function decideRefresh(token: StoredRefreshToken | undefined, now: Date): RefreshDecision {
  if (!token) return { outcome: 'reject', reason: 'unknown' };
  if (token.familyRevokedAt) return { outcome: 'reject', reason: 'revoked' };
  if (token.usedAt)
    return { outcome: 'revoke-family', familyId: token.familyId, userId: token.userId };
  if (token.expiresAt.getTime() <= now.getTime()) return { outcome: 'reject', reason: 'expired' };
  return { outcome: 'rotate', familyId: token.familyId, userId: token.userId };
}

/**
 * Whether signing out with `token` revokes its family: only a live family of the caller's own.
 * Anything else is ignored (contract `logout`: safe to repeat, never reveals other users' tokens).
 */
export function decideLogout(token: StoredRefreshToken | undefined, callerId: string): boolean {
  return token !== undefined && token.userId === callerId && token.familyRevokedAt === undefined;
}

/** When a token issued at `issuedAt` stops being accepted. */
export function refreshTokenExpiry(issuedAt: Date, lifetimeSeconds: number): Date {
  return new Date(issuedAt.getTime() + lifetimeSeconds * 1000);
}
