/**
 * Money in the cart's domain: integer minor units of one ISO 4217 currency, so no amount is ever
 * rounded; line totals and cart totals are computed here and refuse to mix currencies.
 */

export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** Raised when amounts of different currencies would be added together. */
export class MixedCurrencyError extends Error {
  override name = 'MixedCurrencyError';
  constructor(
    readonly expected: string,
    readonly found: string,
  ) {
    super(`cannot add ${found} to ${expected}`);
  }
}

function checkedAmount(amount: number): number {
  // Totals of up to 50 lines × 99 units stay far below 2^53 for any real price; past it they would lose cents.
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`money amount ${amount} is not a non-negative safe integer`);
  }
  return amount;
}

export function money(amount: number, currency: string): Money {
  return { amount: checkedAmount(amount), currency };
}

/** `unitPrice × quantity`, in the same currency. */
export function times(unitPrice: Money, quantity: number): Money {
  return money(unitPrice.amount * quantity, unitPrice.currency);
}

/** The sum of `amounts`; `null` for none (an empty sum has no currency). */
export function sum(amounts: readonly Money[]): Money | null {
  const [first, ...rest] = amounts;
  if (!first) return null;
  let total = first.amount;
  for (const next of rest) {
    if (next.currency !== first.currency)
      throw new MixedCurrencyError(first.currency, next.currency);
    total += next.amount;
  }
  return money(total, first.currency);
}

export function sameMoney(a: Money, b: Money): boolean {
  return a.amount === b.amount && a.currency === b.currency;
}
