/**
 * Stock adjustments (inventory domain): the reasons and sources the contract allows, and the
 * decision whether a delta can be applied to a level without making available stock negative.
 */
import { MAX_UNITS, availableOf, applyEffect, type StockLevel } from './stock-level';

export const ADJUSTMENT_REASONS = ['RESTOCK', 'DAMAGE', 'CORRECTION', 'RETURN', 'SENSOR'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

export const ADJUSTMENT_SOURCES = ['ADMIN', 'IOT'] as const;
export type AdjustmentSource = (typeof ADJUSTMENT_SOURCES)[number];

/** The contract's bounds on one delta (NewStockAdjustment.delta): never 0. */
export const MAX_ABS_DELTA = 100_000;

export function isAdjustmentReason(value: unknown): value is AdjustmentReason {
  return (ADJUSTMENT_REASONS as readonly unknown[]).includes(value);
}

export type AdjustmentDecision =
  | { readonly kind: 'applied'; readonly after: StockLevel }
  /** Removing the units would take available below 0 (reserved units cannot be removed). */
  | { readonly kind: 'insufficient-stock'; readonly available: number }
  /** Adding the units would take on hand past what the contract's int32 fields can carry. */
  | { readonly kind: 'too-much-stock'; readonly onHand: number };

/** Decides whether `delta` can be added to `level` (a negative delta removes units). */
export function decideAdjustment(level: StockLevel, delta: number): AdjustmentDecision {
  if (availableOf(level) + delta < 0)
    return { kind: 'insufficient-stock', available: availableOf(level) };
  if (level.onHand + delta > MAX_UNITS) return { kind: 'too-much-stock', onHand: level.onHand };
  return { kind: 'applied', after: applyEffect(level, { onHandDelta: delta, reservedDelta: 0 }) };
}
