/**
 * The saga's work list (table saga_instances): one row per order, rewritten with every event the
 * order gets (`saveSaga`, in that transaction), claimed by the saga worker when due
 * (`claimDueSagas`: FOR UPDATE SKIP LOCKED, then a lease pushes next_attempt_at forward, so several
 * instances never run the same step at once and a crashed claimer's lease simply runs out), and
 * given a later retry when a step failed (`recordSagaFailure`).
 */
import type { SagaSchedule } from '../domain/place-order-saga';
import type { SagaStep } from '../domain/order-state';
import type { Queryable } from './queryable';

/** A charge in progress, kept so it can be repeated with the same key after a crash. */
export interface ChargeIntent {
  attemptKey: string;
  paymentMethod: { type: 'card'; token: string };
}

export interface SagaRow {
  orderId: string;
  step: SagaStep;
  orderVersion: number;
  deadline: Date | null;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  charge: ChargeIntent | null;
}

interface Row {
  order_id: string;
  step: SagaStep;
  order_version: number;
  deadline: Date | null;
  attempts: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  charge: ChargeIntent | null;
}

const COLUMNS =
  'order_id, step, order_version, deadline, attempts, next_attempt_at, last_error, charge';

function toSaga(row: Row): SagaRow {
  return {
    orderId: row.order_id,
    step: row.step,
    orderVersion: row.order_version,
    deadline: row.deadline,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    charge: row.charge,
  };
}

export interface SaveSagaInput {
  orderId: string;
  orderVersion: number;
  schedule: SagaSchedule;
  charge: ChargeIntent | null;
  now: Date;
}

/**
 * The upsert of the saga row (attempts back to 0; an older version never overwrites a newer one),
 * its parameters from $first on; `where` guards the row (see order-write.ts).
 */
export function saveSagaStatement(
  input: SaveSagaInput,
  first = 1,
  where?: string,
): { sql: string; values: unknown[] } {
  const p = (i: number) => `$${first + i}`;
  return {
    sql: `INSERT INTO saga_instances AS s (${COLUMNS}, updated_at)
     SELECT ${p(0)}::uuid, ${p(1)}::text, ${p(2)}::int, ${p(3)}::timestamptz, 0,
            ${p(4)}::timestamptz, NULL, ${p(5)}::jsonb, ${p(6)}::timestamptz
     ${where ? `WHERE ${where}` : ''}
     ON CONFLICT (order_id) DO UPDATE
       SET step = EXCLUDED.step, order_version = EXCLUDED.order_version,
           deadline = EXCLUDED.deadline, attempts = 0, next_attempt_at = EXCLUDED.next_attempt_at,
           last_error = NULL, charge = EXCLUDED.charge, updated_at = EXCLUDED.updated_at
       WHERE s.order_version < EXCLUDED.order_version`,
    values: [
      input.orderId,
      input.schedule.step,
      input.orderVersion,
      input.schedule.deadline,
      input.schedule.nextAttemptAt,
      input.charge ? JSON.stringify(input.charge) : null,
      input.now,
    ],
  };
}

/** Writes the saga row for the order at `orderVersion` (attempts start again at 0). */
export async function saveSaga(db: Queryable, input: SaveSagaInput): Promise<void> {
  const upsert = saveSagaStatement(input);
  await db.query(upsert.sql, upsert.values);
}

export async function getSaga(db: Queryable, orderId: string): Promise<SagaRow | undefined> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM saga_instances WHERE order_id = $1`,
    [orderId],
  );
  return rows[0] ? toSaga(rows[0]) : undefined;
}

/**
 * Claims up to `limit` sagas due at `now`: each claimed row's next_attempt_at moves `leaseMs`
 * ahead, so no other instance takes it while this one works on it, and it comes due again by
 * itself if this one dies.
 */
export async function claimDueSagas(
  db: Queryable,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<SagaRow[]> {
  const { rows } = await db.query<Row>(
    `UPDATE saga_instances s
        SET next_attempt_at = $1::timestamptz + make_interval(secs => $3::double precision / 1000),
            updated_at = $1
      WHERE s.order_id IN (
              SELECT order_id FROM saga_instances
               WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= $1
               ORDER BY next_attempt_at
               LIMIT $2
               FOR UPDATE SKIP LOCKED)
      RETURNING ${COLUMNS.split(', ')
        .map((column) => `s.${column}`)
        .join(', ')}`,
    [now, limit, leaseMs],
  );
  return rows.map(toSaga);
}

/**
 * Counts a failed try of the step the worker saw at `orderVersion` and schedules the next one;
 * does nothing when the order moved on meanwhile (its new step has its own schedule).
 */
export async function recordSagaFailure(
  db: Queryable,
  input: { orderId: string; orderVersion: number; nextAttemptAt: Date; error: string; now: Date },
): Promise<void> {
  await db.query(
    `UPDATE saga_instances
        SET attempts = attempts + 1, next_attempt_at = $3, last_error = $4, updated_at = $5
      WHERE order_id = $1 AND order_version = $2`,
    [
      input.orderId,
      input.orderVersion,
      input.nextAttemptAt,
      input.error.slice(0, 2_000),
      input.now,
    ],
  );
}
