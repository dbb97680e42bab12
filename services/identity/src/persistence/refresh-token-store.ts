/**
 * SQL for refresh-token families (services/identity/src/persistence). Every change to a family's
 * tokens runs in a transaction that first calls `lockFamilyOf`, which locks the family row: two
 * refreshes of one token (or a refresh racing a logout) then run one after the other, and the
 * second reads what the first committed.
 */
import type { StoredRefreshToken } from '../domain/refresh-token-family';
import type { Queryable } from './queryable';

export interface NewFamily {
  id: string;
  userId: string;
  createdAt: Date;
}

export interface NewToken {
  hash: Buffer;
  familyId: string;
  issuedAt: Date;
  expiresAt: Date;
}

export async function insertFamily(db: Queryable, family: NewFamily): Promise<void> {
  await db.query(
    'INSERT INTO refresh_token_families (id, user_id, created_at) VALUES ($1, $2, $3)',
    [family.id, family.userId, family.createdAt],
  );
}

export async function insertToken(db: Queryable, token: NewToken): Promise<void> {
  await db.query(
    `INSERT INTO refresh_tokens (token_hash, family_id, issued_at, expires_at)
     VALUES ($1, $2, $3, $4)`,
    [token.hash, token.familyId, token.issuedAt, token.expiresAt],
  );
}

/**
 * Locks the family of the token with digest `hash` (FOR UPDATE, until the transaction ends) and
 * returns the token as it stands once the lock is held; undefined for an unknown token.
 */
export async function lockFamilyOf(
  tx: Queryable,
  hash: Buffer,
): Promise<StoredRefreshToken | undefined> {
  const { rows: found } = await tx.query<{ family_id: string }>(
    'SELECT family_id FROM refresh_tokens WHERE token_hash = $1',
    [hash],
  );
  const familyId = found[0]?.family_id;
  if (!familyId) return undefined;
  await tx.query('SELECT 1 FROM refresh_token_families WHERE id = $1 FOR UPDATE', [familyId]);
  // Read after the lock: under READ COMMITTED this statement sees what the previous holder committed.
  const { rows } = await tx.query<{
    family_id: string;
    user_id: string;
    expires_at: Date;
    used_at: Date | null;
    family_revoked_at: Date | null;
  }>(
    `SELECT t.family_id, f.user_id, t.expires_at, t.used_at, f.revoked_at AS family_revoked_at
       FROM refresh_tokens t JOIN refresh_token_families f ON f.id = t.family_id
      WHERE t.token_hash = $1`,
    [hash],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    familyId: row.family_id,
    userId: row.user_id,
    expiresAt: row.expires_at,
    ...(row.used_at ? { usedAt: row.used_at } : {}),
    ...(row.family_revoked_at ? { familyRevokedAt: row.family_revoked_at } : {}),
  };
}

export async function markTokenUsed(db: Queryable, hash: Buffer, now: Date): Promise<void> {
  await db.query('UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1', [hash, now]);
}

/** Revokes the family and every token in it. The caller holds the family lock. */
export async function revokeFamily(
  db: Queryable,
  familyId: string,
  reason: 'logout' | 'reuse',
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE refresh_token_families SET revoked_at = $2, revoked_reason = $3
      WHERE id = $1 AND revoked_at IS NULL`,
    [familyId, now, reason],
  );
  await db.query(
    'UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL',
    [familyId, now],
  );
}

/**
 * Deletes the families none of whose tokens is still valid at `cutoff` (their tokens go with
 * them, ON DELETE CASCADE); returns how many. Such a family can no longer be rotated, so no
 * refresh can be adding to it meanwhile.
 */
export async function deleteFamiliesExpiredBy(db: Queryable, cutoff: Date): Promise<number> {
  const result = await db.query(
    `DELETE FROM refresh_token_families f
      WHERE NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = f.id AND t.expires_at > $1)`,
    [cutoff],
  );
  return result.rowCount ?? 0;
}
