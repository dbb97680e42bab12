import { MixedCurrencyError, money, sum, times } from './money';

describe('money', () => {
  it('multiplies a unit price by a quantity in minor units', () => {
    expect(times(money(1299, 'USD'), 3)).toEqual({ amount: 3897, currency: 'USD' });
  });

  it('sums amounts of one currency', () => {
    expect(sum([money(2598, 'USD'), money(850, 'USD')])).toEqual({ amount: 3448, currency: 'USD' });
  });

  it('has no sum for no amounts, because an empty sum has no currency', () => {
    expect(sum([])).toBeNull();
  });

  it('refuses to add amounts of different currencies', () => {
    expect(() => sum([money(100, 'USD'), money(100, 'EUR')])).toThrow(MixedCurrencyError);
  });

  it('refuses an amount that is not a non-negative safe integer', () => {
    expect(() => money(12.5, 'USD')).toThrow(RangeError);
    expect(() => money(-1, 'USD')).toThrow(RangeError);
    expect(() => times(money(Number.MAX_SAFE_INTEGER, 'USD'), 2)).toThrow(RangeError);
  });
});
