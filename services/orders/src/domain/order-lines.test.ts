import { OrderRuleError } from './order-errors';
import { checkOrderLines, firstRepeatedProduct } from './order-lines';
import { line } from './order.test-builders';

function ruleOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof OrderRuleError) return error.code;
    throw error;
  }
  return undefined;
}

describe('order lines', () => {
  it('totals the lines of one currency', () => {
    const total = checkOrderLines([
      line(),
      line({
        productId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
        unitPrice: { amount: 3450, currency: 'USD' },
        quantity: 1,
      }),
    ]);
    expect(total).toEqual({ amount: 6048, currency: 'USD' });
  });

  it('refuses an order without lines', () => {
    expect(ruleOf(() => checkOrderLines([]))).toBe('EMPTY_ORDER');
  });

  it('refuses a product listed twice, ignoring letter case, and names the repeated line', () => {
    const lines = [line(), line({ productId: line().productId.toUpperCase() })];
    expect(firstRepeatedProduct(lines.map((l) => l.productId))).toBe(1);
    expect(ruleOf(() => checkOrderLines(lines))).toBe('DUPLICATE_PRODUCT');
  });

  it('refuses a quantity above 99', () => {
    expect(ruleOf(() => checkOrderLines([line({ quantity: 100 })]))).toBe('INVALID_QUANTITY');
  });

  it('refuses lines priced in different currencies', () => {
    const lines = [
      line(),
      line({
        productId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
        unitPrice: { amount: 10, currency: 'EUR' },
      }),
    ];
    expect(ruleOf(() => checkOrderLines(lines))).toBe('CURRENCY_MISMATCH');
  });

  it('refuses more than 50 lines', () => {
    const lines = Array.from({ length: 51 }, (_, i) =>
      line({ productId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, quantity: 1 }),
    );
    expect(ruleOf(() => checkOrderLines(lines))).toBe('TOO_MANY_LINES');
  });
});
