/**
 * Money in the orders domain: integer minor units and an ISO 4217 currency, so totals are exact
 * and amounts in different currencies are never added together.
 */

export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export class CurrencyMismatchError extends Error {
  override readonly name = 'CurrencyMismatchError';
}

/** `unit` × `quantity`; both must be non-negative integers. */
export function times(unit: Money, quantity: number): Money {
  if (!Number.isSafeInteger(unit.amount) || unit.amount < 0)
    throw new RangeError(`money amount must be a non-negative integer, got ${unit.amount}`);
  if (!Number.isSafeInteger(quantity) || quantity < 0)
    throw new RangeError(`quantity must be a non-negative integer, got ${quantity}`);
  return { amount: unit.amount * quantity, currency: unit.currency };
}

/** The sum of `amounts` (at least one), all in one currency. */
export function sum(amounts: readonly Money[]): Money {
  const [first, ...rest] = amounts;
  if (!first) throw new RangeError('cannot sum no amounts: the currency would be unknown');
  return rest.reduce((total, next) => {
    if (next.currency !== total.currency)
      throw new CurrencyMismatchError(
        `cannot add ${next.currency} to ${total.currency}: all amounts must share one currency`,
      );
    return { amount: total.amount + next.amount, currency: total.currency };
  }, first);
}
