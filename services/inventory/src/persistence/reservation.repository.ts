/**
 * SQL for reservations and their items (inventory persistence): find an order's reservation (and
 * lock it), record a new one, mark it committed or released, and claim a lapsed one for the expiry
 * sweep without blocking other instances (FOR UPDATE SKIP LOCKED).
 */
import type { ReleaseReason, Reservation, ReservationStatus } from '../domain/reservation';
import type { Db } from './db';

interface ReservationRecord {
  id: string;
  order_id: string;
  status: ReservationStatus;
  expires_at: Date;
  created_at: Date;
  committed_at: Date | null;
  released_at: Date | null;
  release_reason: ReleaseReason | null;
  items: { productId: string; quantity: number }[];
}

// Items come along as a sub-select so the reservation row itself can be locked (FOR UPDATE OF r).
const SELECT = `
  SELECT r.id, r.order_id, r.status, r.expires_at, r.created_at, r.committed_at, r.released_at,
         r.release_reason,
         (SELECT json_agg(json_build_object('productId', i.product_id, 'quantity', i.quantity)
                          ORDER BY i.product_id)
            FROM reservation_items i WHERE i.reservation_id = r.id) AS items
    FROM reservations r`;

function toReservation(record: ReservationRecord): Reservation {
  return {
    id: record.id,
    orderId: record.order_id,
    status: record.status,
    items: record.items,
    expiresAt: record.expires_at,
    createdAt: record.created_at,
    committedAt: record.committed_at,
    releasedAt: record.released_at,
    releaseReason: record.release_reason,
  };
}

/** The order's reservation; `lock` holds its row until the transaction ends. */
export async function findReservationByOrder(
  db: Db,
  orderId: string,
  options: { lock: boolean },
): Promise<Reservation | undefined> {
  const { rows } = await db.query<ReservationRecord>(
    `${SELECT} WHERE r.order_id = $1${options.lock ? ' FOR UPDATE OF r' : ''}`,
    [orderId],
  );
  return rows[0] && toReservation(rows[0]);
}

/** The same, locked, as the read of beginLockedOrderRead (the order id as a literal). */
export function lockedReservationSql(orderIdLiteral: string): string {
  return `${SELECT} WHERE r.order_id = ${orderIdLiteral} FOR UPDATE OF r`;
}

export function reservationFromRow(row: unknown): Reservation {
  return toReservation(row as ReservationRecord);
}

/**
 * The inserts of a new reservation and its items as data-modifying CTEs `reservation` and
 * `reservation_items` (parameters from $first on), for a caller's single statement.
 */
export function insertReservationCtes(
  reservation: Reservation,
  first: number,
): { sql: string; values: unknown[] } {
  const p = (i: number) => `$${first + i}`;
  return {
    sql: `reservation AS (
       INSERT INTO reservations (id, order_id, status, expires_at, created_at)
       VALUES (${p(0)}::uuid, ${p(1)}::uuid, ${p(2)}::text, ${p(3)}::timestamptz, ${p(4)}::timestamptz)
       RETURNING id),
     reservation_items AS (
       INSERT INTO reservation_items (reservation_id, product_id, quantity)
       SELECT r.id, i.product_id, i.quantity
         FROM reservation r, unnest(${p(5)}::uuid[], ${p(6)}::int[]) AS i(product_id, quantity)
       RETURNING 1)`,
    values: [
      reservation.id,
      reservation.orderId,
      reservation.status,
      reservation.expiresAt,
      reservation.createdAt,
      reservation.items.map((item) => item.productId),
      reservation.items.map((item) => item.quantity),
    ],
  };
}

export async function insertReservation(tx: Db, reservation: Reservation): Promise<void> {
  await tx.query(
    `INSERT INTO reservations (id, order_id, status, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [
      reservation.id,
      reservation.orderId,
      reservation.status,
      reservation.expiresAt,
      reservation.createdAt,
    ],
  );
  await tx.query(
    `INSERT INTO reservation_items (reservation_id, product_id, quantity)
     SELECT $1, product_id, quantity FROM unnest($2::uuid[], $3::int[]) AS i(product_id, quantity)`,
    [
      reservation.id,
      reservation.items.map((item) => item.productId),
      reservation.items.map((item) => item.quantity),
    ],
  );
}

export async function markCommitted(tx: Db, id: string, committedAt: Date): Promise<void> {
  await tx.query(
    `UPDATE reservations SET status = 'COMMITTED', committed_at = $2
      WHERE id = $1 AND status = 'ACTIVE'`,
    [id, committedAt],
  );
}

export async function markReleased(
  tx: Db,
  id: string,
  reason: ReleaseReason,
  releasedAt: Date,
): Promise<void> {
  await tx.query(
    `UPDATE reservations SET status = 'RELEASED', release_reason = $2, released_at = $3
      WHERE id = $1 AND status <> 'RELEASED'`,
    [id, reason, releasedAt],
  );
}

/**
 * Locks one active reservation whose expiry is at or before `now`, skipping rows another instance
 * (or an rpc for that order) holds, so several instances sweep in parallel without waiting.
 */
export async function claimLapsedReservation(tx: Db, now: Date): Promise<Reservation | undefined> {
  const { rows } = await tx.query<ReservationRecord>(
    `${SELECT}
      WHERE r.id = (SELECT id FROM reservations
                     WHERE status = 'ACTIVE' AND expires_at <= $1
                     ORDER BY expires_at
                     LIMIT 1
                     FOR UPDATE SKIP LOCKED)`,
    [now],
  );
  return rows[0] && toReservation(rows[0]);
}
