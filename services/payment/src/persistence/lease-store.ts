/**
 * SQL for provider call leases (services/payment/src/persistence): a holder takes the lease of a
 * resource (`order:<id>`, `payment:<id>`) when it is free or expired, and gives it back when its
 * call to the provider is settled, so calls about one order or payment never overlap.
 */
import type { Queryable } from './queryable';

export type LeaseAttempt = { acquired: true } | { acquired: false; expiresAt: Date };

/** Takes the lease of `resource` until `expiresAt`, unless another holder has an unexpired one. */
export async function tryAcquireLease(
  db: Queryable,
  resource: string,
  holder: string,
  now: Date,
  expiresAt: Date,
): Promise<LeaseAttempt> {
  const taken = await db.query(
    `INSERT INTO provider_call_leases AS l (resource, holder, expires_at) VALUES ($1, $2, $4)
     ON CONFLICT (resource) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE l.expires_at <= $3`,
    [resource, holder, now, expiresAt],
  );
  if (taken.rowCount === 1) return { acquired: true };
  const { rows } = await db.query<{ expires_at: Date }>(
    'SELECT expires_at FROM provider_call_leases WHERE resource = $1',
    [resource],
  );
  // Released between the two statements: free now, the caller simply tries again.
  return { acquired: false, expiresAt: rows[0]?.expires_at ?? now };
}

/** Gives the lease back (only if `holder` still has it). */
export async function releaseLease(db: Queryable, resource: string, holder: string): Promise<void> {
  await db.query('DELETE FROM provider_call_leases WHERE resource = $1 AND holder = $2', [
    resource,
    holder,
  ]);
}
