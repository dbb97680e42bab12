/**
 * SQL for the products table (services/catalog/src/persistence): insert, load (optionally
 * locked), save an update, withdraw, and read a product's version for the cache.
 */
import type { Product } from '../domain/product';
import { type Db, toNumber } from './db';

/** A product with its row version (bumped by every UPDATE; guards cache fills). */
export interface StoredProduct {
  product: Product;
  version: number;
}

export const PRODUCT_COLUMNS = `p.id, p.sku, p.name, p.description, p.category_id, p.price_amount,
  p.price_currency, p.in_stock, p.sales_count, p.created_at, p.updated_at, p.deleted_at, p.version`;

export interface ProductRow {
  id: string;
  sku: string;
  name: string;
  description: string;
  category_id: string | null;
  price_amount: string;
  price_currency: string;
  in_stock: boolean;
  sales_count: string;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  version: string;
}

export function storedProductFromRow(row: ProductRow): StoredProduct {
  return {
    product: {
      id: row.id,
      sku: row.sku,
      name: row.name,
      description: row.description,
      categoryId: row.category_id,
      price: { amount: toNumber(row.price_amount), currency: row.price_currency },
      inStock: row.in_stock,
      salesCount: toNumber(row.sales_count),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      deletedAt: row.deleted_at,
    },
    version: toNumber(row.version),
  };
}

/** Inserts a new product; a taken SKU or a missing category fails with SQLSTATE 23505 / 23503. */
export async function insertProduct(db: Db, product: Product): Promise<void> {
  await db.query(
    `INSERT INTO products (id, sku, name, description, category_id, price_amount, price_currency,
                           in_stock, sales_count, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      product.id,
      product.sku,
      product.name,
      product.description,
      product.categoryId,
      product.price.amount,
      product.price.currency,
      product.inStock,
      product.salesCount,
      product.createdAt,
      product.updatedAt,
    ],
  );
}

/**
 * Loads a product, withdrawn ones included. `lock` takes the row lock for the rest of the
 * transaction, so concurrent changes to one product apply one after the other.
 */
export async function findProduct(
  db: Db,
  id: string,
  options: { lock?: boolean } = {},
): Promise<StoredProduct | undefined> {
  const result = await db.query<ProductRow>(
    `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.id = $1${options.lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  const row = result.rows[0];
  return row ? storedProductFromRow(row) : undefined;
}

/** Writes the fields an admin can change; returns the new row version. */
export async function saveProductChanges(db: Db, product: Product): Promise<number> {
  const result = await db.query<{ version: string }>(
    `UPDATE products
        SET name = $2, description = $3, category_id = $4, price_amount = $5, price_currency = $6,
            updated_at = $7
      WHERE id = $1
      RETURNING version`,
    [
      product.id,
      product.name,
      product.description,
      product.categoryId,
      product.price.amount,
      product.price.currency,
      product.updatedAt,
    ],
  );
  return toNumber(result.rows[0]!.version);
}

/** Marks a product withdrawn from sale at `at`. */
export async function markProductWithdrawn(db: Db, id: string, at: Date): Promise<void> {
  await db.query('UPDATE products SET deleted_at = $2 WHERE id = $1', [id, at]);
}

/** The product's row version, or undefined when there is no such product. */
export async function productVersion(db: Db, id: string): Promise<number | undefined> {
  const result = await db.query<{ version: string }>('SELECT version FROM products WHERE id = $1', [
    id,
  ]);
  const row = result.rows[0];
  return row ? toNumber(row.version) : undefined;
}

/** Whether a product with this id was ever created (withdrawn ones included). */
export async function productExists(db: Db, id: string): Promise<boolean> {
  const result = await db.query('SELECT 1 FROM products WHERE id = $1', [id]);
  return result.rowCount === 1;
}
