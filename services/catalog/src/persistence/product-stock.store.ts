/**
 * SQL for what the catalog learns from other contexts about a product (services/catalog/src/
 * persistence): its stock state from inventory's events and its units sold from paid orders.
 */
import type { StockState } from '../domain/stock-level';
import { type Db, toNumber } from './db';

/** The product's stock state, row-locked until the transaction ends; undefined if unknown. */
export async function lockStockState(db: Db, productId: string): Promise<StockState | undefined> {
  const result = await db.query<{ in_stock: boolean; stock_observed_at: Date | null }>(
    'SELECT in_stock, stock_observed_at FROM products WHERE id = $1 FOR UPDATE',
    [productId],
  );
  const row = result.rows[0];
  return row ? { inStock: row.in_stock, observedAt: row.stock_observed_at } : undefined;
}

/** Writes the stock state; returns the new row version. */
export async function saveStockState(
  db: Db,
  productId: string,
  state: StockState,
): Promise<number> {
  const result = await db.query<{ version: string }>(
    `UPDATE products SET in_stock = $2, stock_observed_at = $3 WHERE id = $1 RETURNING version`,
    [productId, state.inStock, state.observedAt],
  );
  return toNumber(result.rows[0]!.version);
}

/** Adds `units` to the product's sales count; the new row version, or undefined if unknown. */
export async function addUnitsSold(
  db: Db,
  productId: string,
  units: number,
): Promise<number | undefined> {
  const result = await db.query<{ version: string }>(
    'UPDATE products SET sales_count = sales_count + $2 WHERE id = $1 RETURNING version',
    [productId, units],
  );
  const row = result.rows[0];
  return row ? toNumber(row.version) : undefined;
}
