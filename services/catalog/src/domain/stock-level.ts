/**
 * How the catalog keeps a product's `inStock` flag from inventory's stock events, which can
 * arrive out of order (stock.adjusted and stock.depleted are partitioned by product, reserved and
 * released by order, and retries reorder anything). Each event reports the units available after
 * its change and the instant that change was committed (the envelope's occurredAt); the catalog
 * keeps the instant of the level it last applied per product and ignores any older report.
 */

export interface StockReport {
  readonly productId: string;
  /** Units available to order after the reported change; 0 for stock.depleted. */
  readonly available: number;
  /** When inventory committed the change (envelope occurredAt). */
  readonly observedAt: Date;
}

/** What the catalog knows of a product's stock. */
export interface StockState {
  readonly inStock: boolean;
  /** The instant of the last applied report; null before the first. */
  readonly observedAt: Date | null;
}

export type StockDecision =
  | { readonly kind: 'stale' }
  | { readonly kind: 'apply'; readonly state: StockState; readonly flipped: boolean };

/** A product can be ordered while inventory has at least one available unit. */
export function inStockFrom(available: number): boolean {
  return available > 0;
}

/**
 * Applies `report` unless it is older than the last applied one. A report with the same instant
 * is applied (one inventory transaction can emit several events, e.g. stock.reserved and
 * stock.depleted, and they agree); `flipped` says whether `inStock` changed.
 */
export function decideStockLevel(current: StockState, report: StockReport): StockDecision {
  if (current.observedAt !== null && report.observedAt.getTime() < current.observedAt.getTime())
    return { kind: 'stale' };
  const inStock = inStockFrom(report.available);
  return {
    kind: 'apply',
    state: { inStock, observedAt: report.observedAt },
    flipped: inStock !== current.inStock,
  };
}

/**
 * One report per product from the items of a reservation or release; should an order list a
 * product twice, its last item carries the level after the whole change.
 */
export function reportsFromItems(
  items: readonly { productId: string; available: number }[],
  observedAt: Date,
): StockReport[] {
  const latest = new Map<string, number>();
  for (const item of items) latest.set(item.productId, item.available);
  return [...latest].map(([productId, available]) => ({ productId, available, observedAt }));
}
