/**
 * PostgreSQL storage of Idempotency-Key records (platform/src/idempotency; table
 * platform.idempotency_keys, migration 0003). A claim is one atomic upsert: it creates the record,
 * or takes over one that expired or whose holder evidently died; otherwise the existing record
 * tells the caller to replay, reject (422) or wait (409).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export interface IdempotencyScope {
  subject: string;
  operation: string;
  key: string;
}

export interface StoredResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export type ClaimResult =
  | { kind: 'claimed'; token: string }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' };

export interface ClaimInput extends IdempotencyScope {
  requestHash: string;
  now: Date;
  ttlMs: number;
  /** An in-progress claim older than this is abandoned and may be taken over (same request only). */
  staleAfterMs: number;
}

interface Row {
  request_hash: string;
  state: 'in-progress' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string | string[]> | null;
  response_body: Buffer | null;
}

const PK = 'subject = $1 AND operation = $2 AND idempotency_key = $3';

/** Claims the key for this request, or says what to do instead. */
export async function claimIdempotencyKey(pool: pg.Pool, input: ClaimInput): Promise<ClaimResult> {
  const expiresAt = new Date(input.now.getTime() + input.ttlMs);
  const staleBefore = new Date(input.now.getTime() - input.staleAfterMs);
  // A record can vanish between the upsert and the read (its request failed and released it):
  // then claim again.
  for (let round = 0; round < 3; round++) {
    const token = randomUUID();
    const claimed = await pool.query(
      `INSERT INTO platform.idempotency_keys AS k
         (subject, operation, idempotency_key, request_hash, state, claim_token, locked_at, created_at, expires_at)
       VALUES ($1, $2, $3, $4, 'in-progress', $5, $6, $6, $7)
       ON CONFLICT (subject, operation, idempotency_key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, state = 'in-progress', claim_token = EXCLUDED.claim_token,
             locked_at = EXCLUDED.locked_at, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
             response_status = NULL, response_headers = NULL, response_body = NULL
         WHERE k.expires_at <= $6
            OR (k.state = 'in-progress' AND k.locked_at <= $8 AND k.request_hash = EXCLUDED.request_hash)
       RETURNING claim_token`,
      [
        input.subject,
        input.operation,
        input.key,
        input.requestHash,
        token,
        input.now,
        expiresAt,
        staleBefore,
      ],
    );
    if (claimed.rowCount === 1) return { kind: 'claimed', token };
    const existing = await pool.query<Row>(
      `SELECT request_hash, state, response_status, response_headers, response_body
         FROM platform.idempotency_keys WHERE ${PK}`,
      [input.subject, input.operation, input.key],
    );
    const row = existing.rows[0];
    if (!row) continue;
    if (row.request_hash !== input.requestHash) return { kind: 'mismatch' };
    if (row.state === 'in-progress') return { kind: 'in-progress' };
    return {
      kind: 'replay',
      response: {
        status: row.response_status ?? 500,
        headers: row.response_headers ?? {},
        body: row.response_body ?? Buffer.alloc(0),
      },
    };
  }
  return { kind: 'in-progress' };
}

/** Stores the response of a claimed request so that replays return it. */
export async function completeIdempotencyKey(
  pool: pg.Pool,
  scope: IdempotencyScope,
  token: string,
  response: StoredResponse,
): Promise<void> {
  await pool.query(
    `UPDATE platform.idempotency_keys
        SET state = 'completed', response_status = $5, response_headers = $6, response_body = $7
      WHERE ${PK} AND claim_token = $4`,
    [
      scope.subject,
      scope.operation,
      scope.key,
      token,
      response.status,
      JSON.stringify(response.headers),
      response.body,
    ],
  );
}

/** Forgets a claim whose request failed, so the client may retry with the same key. */
export async function releaseIdempotencyKey(
  pool: pg.Pool,
  scope: IdempotencyScope,
  token: string,
): Promise<void> {
  await pool.query(`DELETE FROM platform.idempotency_keys WHERE ${PK} AND claim_token = $4`, [
    scope.subject,
    scope.operation,
    scope.key,
    token,
  ]);
}

/** Deletes records whose 24 h (ttl) window has passed; returns how many. */
export async function purgeExpiredIdempotencyKeys(
  pool: pg.Pool,
  now: Date = new Date(),
): Promise<number> {
  const result = await pool.query('DELETE FROM platform.idempotency_keys WHERE expires_at <= $1', [
    now,
  ]);
  return result.rowCount ?? 0;
}
