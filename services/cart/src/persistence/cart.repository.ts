/**
 * SQL for carts and their lines (tables carts, cart_items; migrations/0001_carts.sql). A line's
 * SKU, name, price and availability are read from the shared catalog_products row it joins.
 *
 * Lock order, kept by every writer so none deadlocks another: a catalog_products row first
 * (catalog-products.repository.ts), then carts rows in user_id order, then their lines.
 */
import type pg from 'pg';
import { Cart, type CartLine } from '../domain/cart';
import { money } from '../domain/money';

type Db = pg.Pool | pg.ClientBase;

export interface StoredCart {
  cart: Cart;
  /** When the lines last changed; null if the cart never held anything (or does not exist). */
  updatedAt: Date | null;
}

interface LineRow {
  product_id: string;
  sku: string;
  name: string;
  price_amount: string;
  price_currency: string;
  in_stock: boolean;
  quantity: number;
}

async function loadLines(db: Db, userId: string): Promise<CartLine[]> {
  const { rows } = await db.query<LineRow>(
    `SELECT i.product_id, p.sku, p.name, p.price_amount, p.price_currency, p.in_stock, i.quantity
       FROM cart_items i JOIN catalog_products p USING (product_id)
      WHERE i.user_id = $1
      ORDER BY i.position`,
    [userId],
  );
  return rows.map((row) => ({
    productId: row.product_id,
    sku: row.sku,
    name: row.name,
    unitPrice: money(Number(row.price_amount), row.price_currency),
    available: row.in_stock,
    quantity: row.quantity,
  }));
}

/** The user's cart as stored now (an empty one when the user has none yet). */
export async function loadCart(db: Db, userId: string): Promise<StoredCart> {
  const { rows } = await db.query<{ updated_at: Date | null }>(
    'SELECT updated_at FROM carts WHERE user_id = $1',
    [userId],
  );
  return {
    cart: Cart.restore(userId, await loadLines(db, userId)),
    updatedAt: rows[0]?.updated_at ?? null,
  };
}

/** Creates the user's empty cart; true when it did not exist before. */
export async function createCart(tx: pg.ClientBase, userId: string): Promise<boolean> {
  const result = await tx.query(
    'INSERT INTO carts (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING',
    [userId],
  );
  return result.rowCount === 1;
}

/**
 * Locks the user's cart row for the rest of the transaction (creating the cart first when asked)
 * and loads it; undefined when there is no cart and none was to be created.
 */
export async function lockCart(
  tx: pg.ClientBase,
  userId: string,
  options: { create: boolean },
): Promise<StoredCart | undefined> {
  if (options.create) await createCart(tx, userId);
  const { rows } = await tx.query<{ updated_at: Date | null }>(
    'SELECT updated_at FROM carts WHERE user_id = $1 FOR UPDATE',
    [userId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { cart: Cart.restore(userId, await loadLines(tx, userId)), updatedAt: row.updated_at };
}

/** Locks, in user_id order, every cart holding `productId`; returns their owners. */
export async function lockCartsHolding(tx: pg.ClientBase, productId: string): Promise<string[]> {
  const { rows } = await tx.query<{ user_id: string }>(
    `SELECT c.user_id FROM carts c
      WHERE EXISTS (SELECT 1 FROM cart_items i WHERE i.user_id = c.user_id AND i.product_id = $1)
      ORDER BY c.user_id
      FOR UPDATE OF c`,
    [productId],
  );
  return rows.map((row) => row.user_id);
}

/** Writes a line's quantity, adding the line (as the last one) when it is new. */
export async function saveLine(
  tx: pg.ClientBase,
  userId: string,
  productId: string,
  quantity: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO cart_items (user_id, product_id, quantity) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity`,
    [userId, productId, quantity],
  );
}

export async function deleteLine(
  tx: pg.ClientBase,
  userId: string,
  productId: string,
): Promise<void> {
  await tx.query('DELETE FROM cart_items WHERE user_id = $1 AND product_id = $2', [
    userId,
    productId,
  ]);
}

export async function deleteAllLines(tx: pg.ClientBase, userId: string): Promise<void> {
  await tx.query('DELETE FROM cart_items WHERE user_id = $1', [userId]);
}

/**
 * Removes `productId` from the given (already locked) carts in one statement; returns each
 * removed line's owner and quantity, in user_id order.
 */
export async function deleteProductFromCarts(
  tx: pg.ClientBase,
  productId: string,
  userIds: readonly string[],
): Promise<{ userId: string; quantity: number }[]> {
  if (userIds.length === 0) return [];
  const { rows } = await tx.query<{ user_id: string; quantity: number }>(
    `DELETE FROM cart_items WHERE product_id = $1 AND user_id = ANY($2::uuid[])
     RETURNING user_id, quantity`,
    [productId, userIds],
  );
  return rows
    .map((row) => ({ userId: row.user_id, quantity: row.quantity }))
    .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/** Records that the carts' lines changed now; returns that instant (the transaction's time). */
export async function touchCarts(
  tx: pg.ClientBase,
  userIds: readonly string[],
): Promise<Date | undefined> {
  if (userIds.length === 0) return undefined;
  const { rows } = await tx.query<{ updated_at: Date }>(
    'UPDATE carts SET updated_at = now() WHERE user_id = ANY($1::uuid[]) RETURNING updated_at',
    [userIds],
  );
  return rows[0]?.updated_at;
}
