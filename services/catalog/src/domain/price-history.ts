/**
 * The price history of a product as a type-2 slowly changing dimension: every price it ever had
 * is an entry valid from `validFrom` (inclusive) to `validTo` (exclusive); exactly one entry, the
 * current price, is open (`validTo: null`). A change closes the open entry at the instant the
 * new one opens, so the entries tile time without gaps or overlaps.
 */
import { type Money, sameMoney } from './money';

export interface PriceEntry {
  readonly price: Money;
  readonly validFrom: Date;
  readonly validTo: Date | null;
}

/** What a price change does to the history: the open entry closes and a new one opens at `effectiveAt`. */
export interface PriceChange {
  readonly previous: Money;
  readonly next: Money;
  readonly effectiveAt: Date;
}

/** The first entry of a new product's history. */
export function openingPrice(price: Money, at: Date): PriceEntry {
  return { price, validFrom: at, validTo: null };
}

/**
 * Plans changing the current price to `next` at `requestedAt`; undefined when `next` is the
 * current price (no entry is written). The new entry starts at `requestedAt`, or 1 ms after the
 * current entry's start when the clock has not moved past it (two changes within one
 * millisecond, or a clock step backwards), so no entry is ever empty or out of order.
 */
export function planPriceChange(
  current: PriceEntry,
  next: Money,
  requestedAt: Date,
): PriceChange | undefined {
  if (current.validTo !== null) throw new Error('the current price entry must be open');
  if (sameMoney(current.price, next)) return undefined;
  const earliest = current.validFrom.getTime() + 1;
  const effectiveAt = new Date(Math.max(requestedAt.getTime(), earliest));
  return { previous: current.price, next, effectiveAt };
}
