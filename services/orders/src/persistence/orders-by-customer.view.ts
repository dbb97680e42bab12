/**
 * SQL of the orders_by_customer read model (listMyOrders): rows are only ever written from order
 * events (the projection), guarded by status_rank so that a late or repeated event never moves an
 * order back. Every write takes the table name, so the replay command builds a fresh copy with
 * exactly the same statements and compares it with the live table (row count and checksum).
 */
import pg from 'pg';
import type { Queryable } from './queryable';

export const LIVE_TABLE = 'orders_by_customer';

export type SummaryStatus = 'PENDING' | 'PAID' | 'FULFILLED' | 'CANCELED';
export type SummaryStep = 'AWAITING_PAYMENT' | 'COMPLETED' | 'CLOSED';

export interface OrderSummaryRow {
  orderId: string;
  customerId: string;
  status: SummaryStatus;
  step: SummaryStep;
  itemCount: number;
  total: { amount: number; currency: string };
  createdAt: Date;
  updatedAt: Date;
}

export const STATUS_RANK: Record<SummaryStatus, number> = {
  PENDING: 0,
  PAID: 1,
  FULFILLED: 2,
  CANCELED: 2,
};

const TABLE_NAME = /^orders_by_customer(_[a-z0-9_]{1,40})?$/;

/** The quoted table name; only orders_by_customer and orders_by_customer_<suffix> are allowed. */
export function tableIdentifier(table: string): string {
  if (!TABLE_NAME.test(table)) throw new Error(`not a read-model table name: ${table}`);
  return pg.escapeIdentifier(table);
}

/** Adds a new order's row; a repeat (same order) changes nothing. */
export async function insertSummary(
  db: Queryable,
  table: string,
  row: Omit<OrderSummaryRow, 'step' | 'status'> & { status: 'PENDING'; step: SummaryStep },
): Promise<void> {
  await db.query(
    `INSERT INTO ${tableIdentifier(table)}
       (order_id, customer_id, status, step, status_rank, item_count, total_amount, total_currency,
        created_at, updated_at)
     VALUES ($1, $2, $3, $4, 0, $5, $6, $7, $8, $9)
     ON CONFLICT (order_id) DO NOTHING`,
    [
      row.orderId,
      row.customerId,
      row.status,
      row.step,
      row.itemCount,
      row.total.amount,
      row.total.currency,
      row.createdAt,
      row.updatedAt,
    ],
  );
}

/**
 * Moves an order's row to a later status; returns false when the row does not exist yet (its
 * created event has not been handled), true otherwise (also when the row was already there).
 */
export async function advanceSummary(
  db: Queryable,
  table: string,
  change: { orderId: string; status: SummaryStatus; step: SummaryStep; updatedAt: Date },
): Promise<boolean> {
  const id = tableIdentifier(table);
  const updated = await db.query(
    `UPDATE ${id} SET status = $2, step = $3, status_rank = $4, updated_at = $5
      WHERE order_id = $1 AND status_rank < $4`,
    [change.orderId, change.status, change.step, STATUS_RANK[change.status], change.updatedAt],
  );
  if (updated.rowCount === 1) return true;
  const exists = await db.query(`SELECT 1 FROM ${id} WHERE order_id = $1`, [change.orderId]);
  return exists.rowCount === 1;
}

interface SummaryRecord {
  order_id: string;
  customer_id: string;
  status: SummaryStatus;
  step: SummaryStep;
  item_count: number;
  total_amount: string;
  total_currency: string;
  created_at: Date;
  updated_at: Date;
}

/** One page of a customer's orders, newest first, optionally only some statuses. */
export async function listSummaries(
  db: Queryable,
  query: {
    customerId: string;
    statuses: readonly SummaryStatus[] | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ rows: OrderSummaryRow[]; total: number }> {
  const statuses = query.statuses && query.statuses.length > 0 ? query.statuses : null;
  const [page, count] = await Promise.all([
    db.query<SummaryRecord>(
      `SELECT * FROM ${tableIdentifier(LIVE_TABLE)}
        WHERE customer_id = $1 AND ($2::text[] IS NULL OR status = ANY($2))
        ORDER BY created_at DESC, order_id DESC
        LIMIT $3 OFFSET $4`,
      [query.customerId, statuses, query.pageSize, (query.page - 1) * query.pageSize],
    ),
    db.query<{ total: string }>(
      `SELECT count(*) AS total FROM ${tableIdentifier(LIVE_TABLE)}
        WHERE customer_id = $1 AND ($2::text[] IS NULL OR status = ANY($2))`,
      [query.customerId, statuses],
    ),
  ]);
  return {
    total: Number(count.rows[0]?.total ?? 0),
    rows: page.rows.map((r) => ({
      orderId: r.order_id,
      customerId: r.customer_id,
      status: r.status,
      step: r.step,
      itemCount: r.item_count,
      total: { amount: Number(r.total_amount), currency: r.total_currency.trim() },
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    })),
  };
}

/** The canonical text of a row: what the checksum covers (every column). */
const ROW_TEXT = `concat_ws('|', order_id, customer_id, status, step, status_rank, item_count,
  total_amount, total_currency,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))`;

/** Row count and an MD5 over every row's canonical text, in order_id order. */
export async function tableDigest(
  db: Queryable,
  table: string,
): Promise<{ rows: number; checksum: string }> {
  const { rows } = await db.query<{ rows: string; checksum: string | null }>(
    `SELECT count(*) AS rows, md5(coalesce(string_agg(${ROW_TEXT}, E'\\n' ORDER BY order_id), ''))
            AS checksum
       FROM ${tableIdentifier(table)}`,
  );
  return { rows: Number(rows[0]?.rows ?? 0), checksum: rows[0]?.checksum ?? '' };
}

/** Up to `limit` order ids whose rows differ between the two tables (missing on either side too). */
export async function differingOrders(
  db: Queryable,
  a: string,
  b: string,
  limit = 20,
): Promise<string[]> {
  const { rows } = await db.query<{ order_id: string }>(
    `SELECT coalesce(x.order_id, y.order_id) AS order_id
       FROM (SELECT order_id, ${ROW_TEXT} AS t FROM ${tableIdentifier(a)}) x
       FULL JOIN (SELECT order_id, ${ROW_TEXT} AS t FROM ${tableIdentifier(b)}) y
         ON x.order_id = y.order_id
      WHERE x.t IS DISTINCT FROM y.t
      ORDER BY 1 LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.order_id);
}

/** A new empty table shaped like the live one (columns, keys, indexes). */
export async function createTableLikeLive(db: Queryable, table: string): Promise<void> {
  await db.query(
    `CREATE TABLE ${tableIdentifier(table)} (LIKE ${tableIdentifier(LIVE_TABLE)} INCLUDING ALL)`,
  );
}

export async function dropTable(db: Queryable, table: string): Promise<void> {
  if (table === LIVE_TABLE) throw new Error('refusing to drop the live read model');
  await db.query(`DROP TABLE IF EXISTS ${tableIdentifier(table)}`);
}
