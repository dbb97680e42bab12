/**
 * Serialises provider calls about one resource (services/payment/src/use-cases): a request takes
 * the lease of `order:<id>` (charges) or `payment:<id>` (refunds) before calling the provider and
 * gives it back in the transaction that records the outcome; a concurrent request waits for it
 * within its own deadline. The lease outlives the holder's whole budget, so a crashed holder's
 * lease expires by itself.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { sleep, type Deadline } from '@bazaar/platform/resilience/index';
import { releaseLease, tryAcquireLease } from '../persistence/lease-store';
import type { Queryable } from '../persistence/queryable';

/** Time for the recording transaction after the provider budget ends, ms. */
const LEASE_MARGIN_MS = 10_000;
/** How often a waiting request looks again, ms. */
const POLL_MS = 25;

export interface HeldLease {
  resource: string;
  holder: string;
  /** Gives the lease back inside `db`: the recording transaction, so waiters see the outcome. */
  release(db: Queryable): Promise<void>;
  /** Gives it back on the pool; a no-op when the recording transaction already did. */
  releaseIfHeld(): Promise<void>;
}

export type LeaseResult = { held: HeldLease } | { held: undefined; retryAfterSeconds: number };

/** Takes the lease, waiting for the current holder while the deadline allows. */
export async function acquireProviderLease(
  pool: pg.Pool,
  resource: string,
  deadline: Deadline,
  clock: () => Date,
): Promise<LeaseResult> {
  const holder = randomUUID();
  for (;;) {
    const now = clock();
    const attempt = await tryAcquireLease(
      pool,
      resource,
      holder,
      now,
      new Date(deadline.atEpochMs + LEASE_MARGIN_MS),
    );
    if (attempt.acquired) {
      const release = (db: Queryable) => releaseLease(db, resource, holder);
      return { held: { resource, holder, release, releaseIfHeld: () => release(pool) } };
    }
    if (deadline.remainingMs() <= POLL_MS) {
      const waitMs = Math.max(0, attempt.expiresAt.getTime() - now.getTime());
      return { held: undefined, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    await sleep(POLL_MS);
  }
}
