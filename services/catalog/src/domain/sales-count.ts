/** Units sold per product from a paid order's lines (they feed `salesCount` and the popularity sort). */

export interface SoldLine {
  readonly productId: string;
  readonly quantity: number;
}

/** Sums the quantities of each product, so an order listing a product twice counts it once per unit. */
export function unitsSoldByProduct(lines: readonly SoldLine[]): Map<string, number> {
  const units = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1)
      throw new RangeError(`quantity of ${line.productId} must be a positive integer`);
    units.set(line.productId, (units.get(line.productId) ?? 0) + line.quantity);
  }
  return units;
}
