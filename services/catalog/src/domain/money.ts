/** Money in the catalog's domain: an amount in integer minor units and an ISO 4217 currency. */

export interface Money {
  /** Minor units (1299 = 12.99 USD), never fractional, never negative. */
  readonly amount: number;
  readonly currency: string;
}

/** Two amounts are the same price only in the same currency. */
export function sameMoney(a: Money, b: Money): boolean {
  return a.amount === b.amount && a.currency === b.currency;
}
