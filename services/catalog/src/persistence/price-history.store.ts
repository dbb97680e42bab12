/**
 * SQL for the SCD2 price history (services/catalog/src/persistence): the opening entry of a new
 * product, the open entry, a price change (close + open, in the caller's transaction) and the
 * newest-first pages of getPriceHistory.
 */
import type { Money } from '../domain/money';
import type { PageRequest } from '../domain/paging';
import { pageOffset } from '../domain/paging';
import type { PriceChange, PriceEntry } from '../domain/price-history';
import { type Db, toNumber } from './db';

interface PriceRow {
  amount: string;
  currency: string;
  valid_from: Date;
  valid_to: Date | null;
}

function entryFromRow(row: PriceRow): PriceEntry {
  const price: Money = { amount: toNumber(row.amount), currency: row.currency };
  return { price, validFrom: row.valid_from, validTo: row.valid_to };
}

export async function insertPriceEntry(
  db: Db,
  productId: string,
  entry: PriceEntry,
): Promise<void> {
  await db.query(
    `INSERT INTO product_prices (product_id, amount, currency, valid_from, valid_to)
     VALUES ($1, $2, $3, $4, $5)`,
    [productId, entry.price.amount, entry.price.currency, entry.validFrom, entry.validTo],
  );
}

/** The current (open) entry; the schema guarantees there is exactly one per product. */
export async function findOpenPriceEntry(db: Db, productId: string): Promise<PriceEntry> {
  const result = await db.query<PriceRow>(
    `SELECT amount, currency, valid_from, valid_to FROM product_prices
      WHERE product_id = $1 AND valid_to IS NULL`,
    [productId],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`product ${productId} has no open price entry`);
  return entryFromRow(row);
}

/** Closes the open entry and opens the new one at the change's instant. */
export async function recordPriceChange(
  db: Db,
  productId: string,
  change: PriceChange,
): Promise<void> {
  const closed = await db.query(
    'UPDATE product_prices SET valid_to = $2 WHERE product_id = $1 AND valid_to IS NULL',
    [productId, change.effectiveAt],
  );
  if (closed.rowCount !== 1) throw new Error(`product ${productId} has no open price entry`);
  await insertPriceEntry(db, productId, {
    price: change.next,
    validFrom: change.effectiveAt,
    validTo: null,
  });
}

/** One page of a product's entries, newest first, with the number of entries in all. */
export async function listPriceEntries(
  db: Db,
  productId: string,
  page: PageRequest,
): Promise<{ entries: PriceEntry[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.query<PriceRow>(
      `SELECT amount, currency, valid_from, valid_to FROM product_prices
        WHERE product_id = $1 ORDER BY valid_from DESC LIMIT $2 OFFSET $3`,
      [productId, page.size, pageOffset(page)],
    ),
    db.query<{ total: string }>(
      'SELECT count(*) AS total FROM product_prices WHERE product_id = $1',
      [productId],
    ),
  ]);
  return { entries: rows.rows.map(entryFromRow), total: toNumber(count.rows[0]!.total) };
}
