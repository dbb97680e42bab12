/**
 * SQL for what the cart knows of catalog products (table catalog_products): facts from catalog
 * reads and from catalog events, each kept only when it is newer than what is stored, and the
 * tombstones of deleted products. Every write takes the product row's lock, which is the first
 * lock of the cart's lock order (cart.repository.ts).
 */
import type pg from 'pg';
import type { Money } from '../domain/money';
import { money } from '../domain/money';

/** A product as the catalog answered for it, stamped with the catalog's `updatedAt`. */
export interface CatalogRead {
  productId: string;
  sku: string;
  name: string;
  price: Money;
  inStock: boolean;
  /** The product's updatedAt: every catalog change, a price change included, moves it forward. */
  asOf: Date;
}

/** The cart's view of a product after recording a read. */
export interface KnownProduct {
  productId: string;
  sku: string;
  name: string;
  price: Money;
  inStock: boolean;
  deleted: boolean;
}

interface ProductRow {
  sku: string;
  name: string;
  in_stock: boolean;
  price_amount: string;
  price_currency: string;
  deleted_at: Date | null;
}

/**
 * Records a catalog read and returns the product as the cart now knows it. Name, SKU and stock
 * are taken unless a later read was already stored; the price is taken unless a newer one (from
 * a later read or a price.changed event) was, so a read that raced a price change never brings
 * the old price back.
 */
export async function recordCatalogRead(
  tx: pg.ClientBase,
  read: CatalogRead,
): Promise<KnownProduct> {
  const { rows } = await tx.query<ProductRow>(
    `INSERT INTO catalog_products AS p
       (product_id, sku, name, in_stock, read_as_of, price_amount, price_currency, price_as_of)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $5)
     ON CONFLICT (product_id) DO UPDATE SET
       sku = CASE WHEN p.read_as_of IS NULL OR p.read_as_of <= EXCLUDED.read_as_of
                  THEN EXCLUDED.sku ELSE p.sku END,
       name = CASE WHEN p.read_as_of IS NULL OR p.read_as_of <= EXCLUDED.read_as_of
                   THEN EXCLUDED.name ELSE p.name END,
       in_stock = CASE WHEN p.read_as_of IS NULL OR p.read_as_of <= EXCLUDED.read_as_of
                       THEN EXCLUDED.in_stock ELSE p.in_stock END,
       read_as_of = GREATEST(p.read_as_of, EXCLUDED.read_as_of),
       price_amount = CASE WHEN p.price_as_of IS NULL OR p.price_as_of <= EXCLUDED.price_as_of
                           THEN EXCLUDED.price_amount ELSE p.price_amount END,
       price_currency = CASE WHEN p.price_as_of IS NULL OR p.price_as_of <= EXCLUDED.price_as_of
                             THEN EXCLUDED.price_currency ELSE p.price_currency END,
       price_as_of = GREATEST(p.price_as_of, EXCLUDED.price_as_of)
     RETURNING sku, name, in_stock, price_amount, price_currency, deleted_at`,
    [
      read.productId,
      read.sku,
      read.name,
      read.inStock,
      read.asOf,
      read.price.amount,
      read.price.currency,
    ],
  );
  const row = rows[0]!;
  return {
    productId: read.productId,
    sku: row.sku,
    name: row.name,
    inStock: row.in_stock,
    price: money(Number(row.price_amount), row.price_currency),
    deleted: row.deleted_at !== null,
  };
}

export interface PriceChange {
  productId: string;
  sku: string;
  newPrice: Money;
  /** When the new price took effect (price.changed `validFrom`). */
  validFrom: Date;
}

/** What recording a price change did. */
export interface PriceChangeOutcome {
  /** False when a newer price was already known (an event handled out of order). */
  applied: boolean;
  /** The currency the product was priced in before; undefined when it was unknown. */
  previousCurrency: string | undefined;
}

/**
 * Records a price change unless a newer price is known. A product no cart has read yet gets a
 * row too: an add that read the catalog just before the change may still be on its way, and
 * must find the newer price when it records its read.
 */
export async function recordPriceChange(
  tx: pg.ClientBase,
  change: PriceChange,
): Promise<PriceChangeOutcome> {
  const before = await tx.query<{ price_currency: string | null }>(
    'SELECT price_currency FROM catalog_products WHERE product_id = $1 FOR UPDATE',
    [change.productId],
  );
  const updated = await tx.query(
    `INSERT INTO catalog_products AS p (product_id, sku, price_amount, price_currency, price_as_of)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (product_id) DO UPDATE SET
       price_amount = EXCLUDED.price_amount,
       price_currency = EXCLUDED.price_currency,
       price_as_of = EXCLUDED.price_as_of
     WHERE p.price_as_of IS NULL OR p.price_as_of < EXCLUDED.price_as_of`,
    [
      change.productId,
      change.sku,
      change.newPrice.amount,
      change.newPrice.currency,
      change.validFrom,
    ],
  );
  return {
    applied: updated.rowCount === 1,
    previousCurrency: before.rows[0]?.price_currency ?? undefined,
  };
}

/** Records that the catalog deleted the product (kept as a tombstone; the first date wins). */
export async function recordDeletion(
  tx: pg.ClientBase,
  deletion: { productId: string; sku: string; deletedAt: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO catalog_products AS p (product_id, sku, deleted_at) VALUES ($1, $2, $3)
     ON CONFLICT (product_id) DO UPDATE SET deleted_at = COALESCE(p.deleted_at, EXCLUDED.deleted_at)`,
    [deletion.productId, deletion.sku, deletion.deletedAt],
  );
}
