/**
 * Keeps a stock record for every catalog product (AsyncAPI receive operations): a created product
 * gets a row with no stock and its SKU; a deleted one is closed (no new reservations or
 * adjustments, its level is no longer served), while reservations already held run their course:
 * they can still be committed, released or expire, and a release still returns units to its row.
 * Its on-hand count and adjustments log are kept as the record of what happened.
 */
import type { Db } from '../persistence/db';
import {
  closeStockItem,
  findOpenProductIdBySku,
  insertStockItem,
} from '../persistence/stock.repository';

/** Thrown when another open product still holds the SKU: the event is retried (see README). */
export class SkuInUseError extends Error {
  override name = 'SkuInUseError';
}

/** Opens the product's stock row; false when it already had one (a repeat is harmless). */
export async function trackProduct(
  tx: Db,
  product: { productId: string; sku: string; createdAt: Date },
): Promise<boolean> {
  const holder = await findOpenProductIdBySku(tx, product.sku);
  if (holder && holder !== product.productId)
    // The catalog reuses the SKU of a deleted product; that deletion has not reached us yet
    // (events of different products are not ordered), so let the consumer retry this one later.
    throw new SkuInUseError(
      `SKU ${product.sku} of new product ${product.productId} is still held by open product ${holder}`,
    );
  return insertStockItem(tx, product);
}

/** Closes the product's stock row; false when it was unknown or already closed. */
export function closeProduct(tx: Db, product: { productId: string; deletedAt: Date }) {
  return closeStockItem(tx, product.productId, product.deletedAt);
}
