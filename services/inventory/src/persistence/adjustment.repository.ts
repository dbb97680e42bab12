/**
 * SQL for the append-only stock_adjustments log (inventory persistence): record one adjustment,
 * read a product's log newest first one page at a time, read one entry.
 */
import type { AdjustmentReason, AdjustmentSource } from '../domain/stock-adjustment';
import type { Db } from './db';

export interface AdjustmentRecord {
  id: string;
  productId: string;
  delta: number;
  reason: AdjustmentReason;
  note: string | null;
  source: AdjustmentSource;
  onHandAfter: number;
  availableAfter: number;
  createdAt: Date;
}

interface AdjustmentRow {
  id: string;
  product_id: string;
  delta: number;
  reason: AdjustmentReason;
  note: string | null;
  source: AdjustmentSource;
  on_hand_after: number;
  available_after: number;
  created_at: Date;
}

const COLUMNS =
  'id, product_id, delta, reason, note, source, on_hand_after, available_after, created_at';

function toRecord(row: AdjustmentRow): AdjustmentRecord {
  return {
    id: row.id,
    productId: row.product_id,
    delta: row.delta,
    reason: row.reason,
    note: row.note,
    source: row.source,
    onHandAfter: row.on_hand_after,
    availableAfter: row.available_after,
    createdAt: row.created_at,
  };
}

export async function insertAdjustment(tx: Db, adjustment: AdjustmentRecord): Promise<void> {
  await tx.query(
    `INSERT INTO stock_adjustments (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      adjustment.id,
      adjustment.productId,
      adjustment.delta,
      adjustment.reason,
      adjustment.note,
      adjustment.source,
      adjustment.onHandAfter,
      adjustment.availableAfter,
      adjustment.createdAt,
    ],
  );
}

/** One page (1-based) of a product's adjustments, newest first, and how many there are in all. */
export async function listAdjustments(
  db: Db,
  productId: string,
  page: { number: number; size: number },
): Promise<{ items: AdjustmentRecord[]; totalItems: number }> {
  const [items, count] = await Promise.all([
    db.query<AdjustmentRow>(
      `SELECT ${COLUMNS} FROM stock_adjustments WHERE product_id = $1
        ORDER BY seq DESC LIMIT $2 OFFSET $3`,
      [productId, page.size, (page.number - 1) * page.size],
    ),
    db.query<{ total: number }>(
      'SELECT count(*)::int AS total FROM stock_adjustments WHERE product_id = $1',
      [productId],
    ),
  ]);
  return { items: items.rows.map(toRecord), totalItems: count.rows[0]?.total ?? 0 };
}

/** The adjustment `id` of `productId`; undefined when absent or of another product. */
export async function findAdjustment(
  db: Db,
  productId: string,
  id: string,
): Promise<AdjustmentRecord | undefined> {
  const { rows } = await db.query<AdjustmentRow>(
    `SELECT ${COLUMNS} FROM stock_adjustments WHERE id = $1 AND product_id = $2`,
    [id, productId],
  );
  return rows[0] && toRecord(rows[0]);
}
