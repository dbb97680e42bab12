import { unitsSoldByProduct } from './sales-count';

describe('units sold', () => {
  it('sums the quantities of each product of a paid order', () => {
    expect(
      unitsSoldByProduct([
        { productId: 'a', quantity: 2 },
        { productId: 'b', quantity: 1 },
        { productId: 'a', quantity: 3 },
      ]),
    ).toEqual(
      new Map([
        ['a', 5],
        ['b', 1],
      ]),
    );
  });

  it('refuses a line without a positive whole quantity', () => {
    expect(() => unitsSoldByProduct([{ productId: 'a', quantity: 0 }])).toThrow(/positive integer/);
  });
});
