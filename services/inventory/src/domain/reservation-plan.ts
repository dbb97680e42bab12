/**
 * All-or-nothing planning of a reservation against the current (locked) stock levels (inventory
 * domain): either every item fits in what is available, or nothing is reserved and every short
 * item is reported with what was available.
 */
import { reservationEffects } from './reservation';
import type { RequestedItem } from './reservation-request';
import { applyEffect, availableOf, becameDepleted, type StockLevel } from './stock-level';

export interface Shortage {
  readonly productId: string;
  readonly requested: number;
  readonly available: number;
}

export interface PlannedItem extends RequestedItem {
  readonly after: StockLevel;
  readonly depleted: boolean;
}

export type ReservationPlan =
  | { readonly kind: 'reserve'; readonly items: readonly PlannedItem[] }
  | { readonly kind: 'out-of-stock'; readonly shortages: readonly Shortage[] };

/** `levels` must hold every requested product (unknown products are rejected before this). */
export function planReservation(
  items: readonly RequestedItem[],
  levels: ReadonlyMap<string, StockLevel>,
): ReservationPlan {
  const shortages: Shortage[] = [];
  const planned: PlannedItem[] = [];
  for (const item of items) {
    const level = levels.get(item.productId);
    if (!level) throw new Error(`no stock level for ${item.productId}`);
    const available = availableOf(level);
    if (available < item.quantity) {
      shortages.push({ productId: item.productId, requested: item.quantity, available });
      continue;
    }
    const after = applyEffect(level, reservationEffects.reserve(item.quantity));
    planned.push({ ...item, after, depleted: becameDepleted(level, after) });
  }
  return shortages.length > 0
    ? { kind: 'out-of-stock', shortages }
    : { kind: 'reserve', items: planned };
}
