/**
 * SQL for the stock_items table (inventory persistence): reading and locking stock rows, applying
 * reservation and adjustment effects, opening a row for a new product and closing it.
 *
 * Locking rule (no deadlocks between concurrent reservations, releases, commits and adjustments):
 * a transaction locks every stock row it will change in ONE statement, ordered by product_id,
 * before changing any of them, and appends its events only after that.
 */
import type { StockEffect } from '../domain/stock-level';
import type { Db } from './db';

export interface StockRow {
  productId: string;
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  closedAt: Date | null;
  updatedAt: Date;
}

interface StockRecord {
  product_id: string;
  sku: string;
  on_hand: number;
  reserved: number;
  available: number;
  closed_at: Date | null;
  updated_at: Date;
}

const COLUMNS = 'product_id, sku, on_hand, reserved, available, closed_at, updated_at';

function toRow(record: StockRecord): StockRow {
  return {
    productId: record.product_id,
    sku: record.sku,
    onHand: record.on_hand,
    reserved: record.reserved,
    available: record.available,
    closedAt: record.closed_at,
    updatedAt: record.updated_at,
  };
}

function byProduct(records: StockRecord[]): Map<string, StockRow> {
  return new Map(records.map((record) => [record.product_id, toRow(record)]));
}

/** Locks the rows of `productIds` (those that exist, closed or not) in product_id order. */
export async function lockStockItems(tx: Db, productIds: readonly string[]) {
  const { rows } = await tx.query<StockRecord>(
    `SELECT ${COLUMNS} FROM stock_items WHERE product_id = ANY($1::uuid[])
      ORDER BY product_id FOR UPDATE`,
    [productIds],
  );
  return byProduct(rows);
}

/** Locks the open row that carries `sku` (MQTT deltas address products by SKU). */
export async function lockOpenStockItemBySku(tx: Db, sku: string): Promise<StockRow | undefined> {
  const { rows } = await tx.query<StockRecord>(
    `SELECT ${COLUMNS} FROM stock_items WHERE sku = $1 AND closed_at IS NULL FOR UPDATE`,
    [sku],
  );
  return rows[0] && toRow(rows[0]);
}

/** Reads rows without locking them (QueryStock, getStockLevel). */
export async function findStockItems(db: Db, productIds: readonly string[]) {
  const { rows } = await db.query<StockRecord>(
    `SELECT ${COLUMNS} FROM stock_items WHERE product_id = ANY($1::uuid[])`,
    [productIds],
  );
  return byProduct(rows);
}

export interface StockChange extends StockEffect {
  productId: string;
}

/**
 * The UPDATE of applyStockChanges as a data-modifying CTE `stock_changes` (parameters from $first
 * on; `where` guards the rows, e.g. to run after an earlier CTE), returning the changed rows.
 */
export function stockChangesCte(
  changes: readonly StockChange[],
  now: Date,
  first: number,
  where?: string,
): { sql: string; values: unknown[] } {
  const p = (i: number) => `$${first + i}`;
  return {
    sql: `stock_changes AS (
       UPDATE stock_items AS s
          SET on_hand = s.on_hand + c.on_hand_delta,
              reserved = s.reserved + c.reserved_delta,
              updated_at = ${p(3)}::timestamptz
         FROM unnest(${p(0)}::uuid[], ${p(1)}::int[], ${p(2)}::int[])
              AS c(product_id, on_hand_delta, reserved_delta)
        WHERE s.product_id = c.product_id${where ? ` AND ${where}` : ''}
       RETURNING s.product_id)`,
    values: [
      changes.map((change) => change.productId),
      changes.map((change) => change.onHandDelta),
      changes.map((change) => change.reservedDelta),
      now,
    ],
  };
}

/**
 * Applies the changes to rows the caller has locked and returns the rows after them. The table's
 * CHECK constraints refuse any result with negative available, on hand or reserved stock.
 */
export async function applyStockChanges(
  tx: Db,
  changes: readonly StockChange[],
  now: Date,
): Promise<Map<string, StockRow>> {
  if (changes.length === 0) return new Map();
  const { rows } = await tx.query<StockRecord>(
    `UPDATE stock_items AS s
        SET on_hand = s.on_hand + c.on_hand_delta,
            reserved = s.reserved + c.reserved_delta,
            updated_at = $4
       FROM unnest($1::uuid[], $2::int[], $3::int[]) AS c(product_id, on_hand_delta, reserved_delta)
      WHERE s.product_id = c.product_id
  RETURNING ${COLUMNS.split(', ')
    .map((column) => `s.${column}`)
    .join(', ')}`,
    [
      changes.map((change) => change.productId),
      changes.map((change) => change.onHandDelta),
      changes.map((change) => change.reservedDelta),
      now,
    ],
  );
  if (rows.length !== changes.length)
    throw new Error(`expected to change ${changes.length} stock rows, changed ${rows.length}`);
  return byProduct(rows);
}

/** Opens the row of a new product with no stock; false when the product already has one. */
export async function insertStockItem(
  tx: Db,
  item: { productId: string; sku: string; createdAt: Date },
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO stock_items (product_id, sku, created_at, updated_at) VALUES ($1, $2, $3, $3)
     ON CONFLICT (product_id) DO NOTHING`,
    [item.productId, item.sku, item.createdAt],
  );
  return rowCount === 1;
}

/** The open product that holds `sku`, if any (a SKU names one open product at a time). */
export async function findOpenProductIdBySku(db: Db, sku: string): Promise<string | undefined> {
  const { rows } = await db.query<{ product_id: string }>(
    'SELECT product_id FROM stock_items WHERE sku = $1 AND closed_at IS NULL',
    [sku],
  );
  return rows[0]?.product_id;
}

/** Closes a product's row; false when it is unknown or already closed. */
export async function closeStockItem(tx: Db, productId: string, closedAt: Date): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE stock_items SET closed_at = $2, updated_at = GREATEST(updated_at, $2)
      WHERE product_id = $1 AND closed_at IS NULL`,
    [productId, closedAt],
  );
  return rowCount === 1;
}

/** True when inventory ever tracked the product (open or closed). */
export async function stockItemExists(db: Db, productId: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM stock_items WHERE product_id = $1', [
    productId,
  ]);
  return rowCount === 1;
}
