/**
 * Money in the payment domain (services/payment/src/domain): integer minor units and an ISO 4217
 * code, so no amount is ever rounded; arithmetic refuses to mix currencies.
 */

export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

/** @throws MoneyError for a negative or fractional amount or a malformed currency code. */
export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new MoneyError(`amount must be a non-negative integer of minor units, got ${amount}`);
  if (!/^[A-Z]{3}$/.test(currency))
    throw new MoneyError(`currency must be an ISO 4217 code, got "${currency}"`);
  return { amount, currency };
}

export function zero(currency: string): Money {
  return money(0, currency);
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency)
    throw new MoneyError(`cannot combine ${a.currency} with ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

/** @throws MoneyError when the result would be negative. */
export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}
