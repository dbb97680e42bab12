/**
 * Which order each (customer, Idempotency-Key) placed (table order_placements), so a placeOrder
 * repeated after a crash continues its order rather than placing another. Rows are written in the
 * transaction that appends OrderPlaced.
 */
import { isUniqueViolation, type Queryable } from './queryable';

export class PlacementTakenError extends Error {
  override readonly name = 'PlacementTakenError';
}

export async function findPlacedOrder(
  db: Queryable,
  customerId: string,
  idempotencyKey: string,
): Promise<string | undefined> {
  const { rows } = await db.query<{ order_id: string }>(
    'SELECT order_id FROM order_placements WHERE customer_id = $1 AND idempotency_key = $2',
    [customerId, idempotencyKey],
  );
  return rows[0]?.order_id;
}

/**
 * Records that the key placed `orderId`; `replacing` is the order it placed before (one whose
 * stock could not be reserved, so a retry places a new one). Throws PlacementTakenError when
 * another request recorded a different order for the key meanwhile.
 */
export async function recordPlacement(
  db: Queryable,
  input: {
    customerId: string;
    idempotencyKey: string;
    orderId: string;
    replacing?: string;
    now: Date;
  },
): Promise<void> {
  if (input.replacing) {
    const result = await db.query(
      `UPDATE order_placements SET order_id = $3, created_at = $5
        WHERE customer_id = $1 AND idempotency_key = $2 AND order_id = $4`,
      [input.customerId, input.idempotencyKey, input.orderId, input.replacing, input.now],
    );
    if (result.rowCount !== 1)
      throw new PlacementTakenError('the key placed another order meanwhile');
    return;
  }
  const insert = insertPlacementStatement(input);
  try {
    await db.query(insert.sql, insert.values);
  } catch (error) {
    if (isPlacementTaken(error))
      throw new PlacementTakenError('the key placed another order meanwhile');
    throw error;
  }
}

export interface NewPlacement {
  customerId: string;
  idempotencyKey: string;
  orderId: string;
  now: Date;
}

/** The INSERT of a first placement for the key, its parameters from $first on. */
export function insertPlacementStatement(
  input: NewPlacement,
  first = 1,
  where?: string,
): { sql: string; values: unknown[] } {
  const p = (i: number) => `$${first + i}`;
  return {
    sql: `INSERT INTO order_placements (customer_id, idempotency_key, order_id, created_at)
          SELECT ${p(0)}::uuid, ${p(1)}::text, ${p(2)}::uuid, ${p(3)}::timestamptz
          ${where ? `WHERE ${where}` : ''}`,
    values: [input.customerId, input.idempotencyKey, input.orderId, input.now],
  };
}

/** True when `error` is the key (or the order) already having a placement. */
export function isPlacementTaken(error: unknown): boolean {
  const e = error as { table?: unknown } | null;
  return isUniqueViolation(error) && e?.table === 'order_placements';
}
