/**
 * Rules for the lines of a new order (1 to 50 lines, each product once, 1 to 99 units, one
 * currency), checked before an order is placed.
 */
import { CurrencyMismatchError, sum, times, type Money } from './money';
import type { OrderLine } from './order-events';
import { OrderRuleError } from './order-errors';

export const MAX_ORDER_LINES = 50;
export const MAX_LINE_QUANTITY = 99;

/** The index of the first line naming a product an earlier line names, or -1. */
export function firstRepeatedProduct(productIds: readonly string[]): number {
  const seen = new Set<string>();
  return productIds.findIndex((id) => {
    const key = id.toLowerCase();
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  });
}

/** @throws OrderRuleError when the lines break a rule; returns the order total otherwise. */
export function checkOrderLines(lines: readonly OrderLine[]): Money {
  if (lines.length === 0)
    throw new OrderRuleError('EMPTY_ORDER', 'an order needs at least one item');
  if (lines.length > MAX_ORDER_LINES)
    throw new OrderRuleError(
      'TOO_MANY_LINES',
      `an order holds at most ${MAX_ORDER_LINES} items, got ${lines.length}`,
    );
  const repeated = firstRepeatedProduct(lines.map((line) => line.productId));
  if (repeated >= 0)
    throw new OrderRuleError(
      'DUPLICATE_PRODUCT',
      `product ${lines[repeated]!.productId} appears more than once`,
      repeated,
    );
  const badQuantity = lines.findIndex(
    (line) =>
      !Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_LINE_QUANTITY,
  );
  if (badQuantity >= 0)
    throw new OrderRuleError(
      'INVALID_QUANTITY',
      `quantity must be 1 to ${MAX_LINE_QUANTITY}, got ${lines[badQuantity]!.quantity}`,
      badQuantity,
    );
  try {
    return sum(lines.map((line) => times(line.unitPrice, line.quantity)));
  } catch (error) {
    if (error instanceof CurrencyMismatchError)
      throw new OrderRuleError(
        'CURRENCY_MISMATCH',
        'all items of an order must be priced in one currency',
      );
    throw error;
  }
}
