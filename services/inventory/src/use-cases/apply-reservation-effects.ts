/**
 * The stock side of a reservation transition inside a use case's transaction: locks the rows of
 * the reservation's products (one statement, product_id order), checks each effect against the
 * domain invariants, and applies them, returning the rows after the change.
 */
import type { RequestedItem } from '../domain/reservation-request';
import { applyEffect, type StockEffect } from '../domain/stock-level';
import type { Db } from '../persistence/db';
import { applyStockChanges, lockStockItems, type StockRow } from '../persistence/stock.repository';

export async function applyReservationEffects(
  tx: Db,
  items: readonly RequestedItem[],
  effectOf: (quantity: number) => StockEffect,
  now: Date,
): Promise<Map<string, StockRow>> {
  const locked = await lockStockItems(
    tx,
    items.map((item) => item.productId),
  );
  const changes = items.map((item) => {
    const row = locked.get(item.productId);
    if (!row) throw new Error(`reserved product ${item.productId} has no stock row`);
    const effect = effectOf(item.quantity);
    applyEffect(row, effect);
    return { productId: item.productId, ...effect };
  });
  return applyStockChanges(tx, changes, now);
}
