/**
 * A product's stock level and the rules every change to it obeys (inventory domain): available is
 * on hand minus reserved and may never go negative, nor may on hand or reserved.
 */
import { InvariantViolation } from './domain-errors';

/** Largest unit count a level can hold: the int32 fields of the gRPC contract and the table. */
export const MAX_UNITS = 2_147_483_647;

export interface StockLevel {
  readonly onHand: number;
  readonly reserved: number;
}

/** A change to a level: how many units enter on hand and how many become reserved. */
export interface StockEffect {
  readonly onHandDelta: number;
  readonly reservedDelta: number;
}

export function availableOf(level: StockLevel): number {
  return level.onHand - level.reserved;
}

/**
 * Applies `effect` to `level`, refusing any result the invariants forbid. Use cases check the
 * business rule first (and answer 409 / OUT_OF_STOCK); this is the guard behind that check.
 */
export function applyEffect(level: StockLevel, effect: StockEffect): StockLevel {
  const after = {
    onHand: level.onHand + effect.onHandDelta,
    reserved: level.reserved + effect.reservedDelta,
  };
  if (after.reserved < 0) throw new InvariantViolation(`reserved would become ${after.reserved}`);
  if (after.onHand > MAX_UNITS) throw new InvariantViolation(`on hand would exceed ${MAX_UNITS}`);
  if (availableOf(after) < 0)
    throw new InvariantViolation(`available would become ${availableOf(after)}`);
  return after;
}

/** True when a change took the last available units: the moment stock.depleted reports. */
export function becameDepleted(before: StockLevel, after: StockLevel): boolean {
  return availableOf(before) > 0 && availableOf(after) === 0;
}
