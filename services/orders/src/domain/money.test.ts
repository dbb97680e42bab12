import { CurrencyMismatchError, sum, times } from './money';

describe('money', () => {
  it('multiplies a unit price by a quantity in minor units', () => {
    expect(times({ amount: 1299, currency: 'USD' }, 3)).toEqual({ amount: 3897, currency: 'USD' });
  });

  it('refuses a fractional quantity', () => {
    expect(() => times({ amount: 100, currency: 'USD' }, 1.5)).toThrow(/quantity/);
  });

  it('adds amounts of one currency exactly', () => {
    expect(
      sum([
        { amount: 2598, currency: 'EUR' },
        { amount: 3450, currency: 'EUR' },
      ]),
    ).toEqual({ amount: 6048, currency: 'EUR' });
  });

  it('refuses to add amounts in different currencies', () => {
    expect(() =>
      sum([
        { amount: 1, currency: 'USD' },
        { amount: 1, currency: 'EUR' },
      ]),
    ).toThrow(CurrencyMismatchError);
  });

  it('refuses to sum nothing, whose currency would be unknown', () => {
    expect(() => sum([])).toThrow(/no amounts/);
  });
});
