import { add, money, subtract } from './money';

describe('money', () => {
  it('adds amounts of the same currency', () => {
    expect(add(money(150, 'USD'), money(50, 'USD'))).toEqual({ amount: 200, currency: 'USD' });
  });

  it('refuses to combine two currencies', () => {
    expect(() => add(money(1, 'USD'), money(1, 'EUR'))).toThrow(/USD with EUR/);
  });

  it('refuses a subtraction that would go below zero', () => {
    expect(() => subtract(money(1, 'USD'), money(2, 'USD'))).toThrow(/non-negative/);
  });

  it('refuses fractional amounts and malformed currency codes', () => {
    expect(() => money(1.5, 'USD')).toThrow(/integer/);
    expect(() => money(1, 'usd')).toThrow(/ISO 4217/);
  });
});
