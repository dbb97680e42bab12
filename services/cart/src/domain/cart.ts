/**
 * The Cart aggregate: one user's lines, one per product, in the order the products were first
 * added. It guards the cart's rules (at most 99 units per line, at most 50 lines, one currency)
 * and reports each change as a value the use case persists and turns into an event.
 */
import {
  CurrencyMismatchError,
  ItemNotInCartError,
  QuantityLimitError,
  TooManyProductsError,
} from './cart-errors';
import { type Money, sum, times } from './money';

/** Most units of one product in a cart (contracts/openapi/cart.yaml, Quantity). */
export const MAX_UNITS_PER_LINE = 99;
/** Most different products in a cart: the most one order can hold. */
export const MAX_LINES = 50;

/** What the cart knows of a product: its catalog facts as last learned. */
export interface ProductOffer {
  readonly productId: string;
  readonly sku: string;
  readonly name: string;
  readonly unitPrice: Money;
  /** Whether the catalog reported the product in stock when the cart last read it. */
  readonly available: boolean;
}

export interface CartLine extends ProductOffer {
  readonly quantity: number;
}

/** Units were added to a line (a new line, or more of an existing one). */
export interface UnitsAdded {
  readonly kind: 'units-added';
  readonly line: CartLine;
  readonly added: number;
}

/** Units were taken out of a line that stays in the cart. */
export interface UnitsRemoved {
  readonly kind: 'units-removed';
  readonly line: CartLine;
  readonly removed: number;
}

/** A whole line left the cart. */
export interface LineRemoved {
  readonly kind: 'line-removed';
  readonly productId: string;
  readonly removed: number;
}

export interface Unchanged {
  readonly kind: 'unchanged';
}

export type CartChange = UnitsAdded | UnitsRemoved | LineRemoved | Unchanged;

function checkQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
  }
}

export class Cart {
  private constructor(
    readonly ownerId: string,
    private lines: CartLine[],
  ) {}

  /** A cart with no lines. */
  static empty(ownerId: string): Cart {
    return new Cart(ownerId, []);
  }

  /** Rebuilds a cart from stored lines, in the order their products were first added. */
  static restore(ownerId: string, lines: readonly CartLine[]): Cart {
    return new Cart(ownerId, [...lines]);
  }

  get items(): readonly CartLine[] {
    return this.lines;
  }

  /** The currency every line is priced in; undefined for an empty cart. */
  get currency(): string | undefined {
    return this.lines[0]?.unitPrice.currency;
  }

  /** Units in the cart: the sum of every line's quantity, not the number of lines. */
  get itemCount(): number {
    return this.lines.reduce((count, line) => count + line.quantity, 0);
  }

  /** Sum of the line totals; null for an empty cart. */
  get total(): Money | null {
    return sum(this.lines.map(lineTotal));
  }

  line(productId: string): CartLine | undefined {
    return this.lines.find((line) => line.productId === productId);
  }

  /**
   * Adds `quantity` units of `offer`: to its existing line (taking the offer's current facts), or
   * as a new last line. Refuses more than 99 units, a 51st product, or a second currency.
   */
  add(offer: ProductOffer, quantity: number): UnitsAdded {
    checkQuantity(quantity);
    const existing = this.line(offer.productId);
    const held = existing?.quantity ?? 0;
    if (held + quantity > MAX_UNITS_PER_LINE) {
      throw new QuantityLimitError(held, quantity, MAX_UNITS_PER_LINE);
    }
    if (!existing && this.lines.length >= MAX_LINES) throw new TooManyProductsError(MAX_LINES);
    const otherCurrency = this.lines.find(
      (line) =>
        line.productId !== offer.productId && line.unitPrice.currency !== offer.unitPrice.currency,
    );
    if (otherCurrency) {
      throw new CurrencyMismatchError(otherCurrency.unitPrice.currency, offer.unitPrice.currency);
    }
    const line: CartLine = { ...offer, quantity: held + quantity };
    this.lines = existing
      ? this.lines.map((l) => (l.productId === offer.productId ? line : l))
      : [...this.lines, line];
    return { kind: 'units-added', line, added: quantity };
  }

  /** Sets a line's quantity (not adding to it). */
  setQuantity(productId: string, quantity: number): UnitsAdded | UnitsRemoved | Unchanged {
    checkQuantity(quantity);
    const existing = this.line(productId);
    if (!existing) throw new ItemNotInCartError(productId);
    if (quantity > MAX_UNITS_PER_LINE) {
      throw new QuantityLimitError(0, quantity, MAX_UNITS_PER_LINE);
    }
    if (quantity === existing.quantity) return { kind: 'unchanged' };
    const line: CartLine = { ...existing, quantity };
    this.lines = this.lines.map((l) => (l.productId === productId ? line : l));
    return quantity > existing.quantity
      ? { kind: 'units-added', line, added: quantity - existing.quantity }
      : { kind: 'units-removed', line, removed: existing.quantity - quantity };
  }

  /** Takes a product's line out of the cart. */
  remove(productId: string): LineRemoved {
    const existing = this.line(productId);
    if (!existing) throw new ItemNotInCartError(productId);
    this.lines = this.lines.filter((l) => l.productId !== productId);
    return { kind: 'line-removed', productId, removed: existing.quantity };
  }

  /** Empties the cart; returns the lines it held. */
  clear(): readonly CartLine[] {
    const removed = this.lines;
    this.lines = [];
    return removed;
  }

  /**
   * Follows a catalog price change of a product in the cart. A new price in the cart's currency
   * (or in any currency when the product is the only line) replaces the old one; a price in
   * another currency than the other lines would break the one-currency rule, so the line leaves
   * the cart, as adding the product at that price would have been refused.
   */
  reprice(productId: string, unitPrice: Money): CartChange {
    const existing = this.line(productId);
    if (!existing) return { kind: 'unchanged' };
    const clash = this.lines.some(
      (l) => l.productId !== productId && l.unitPrice.currency !== unitPrice.currency,
    );
    if (clash) return this.remove(productId);
    this.lines = this.lines.map((l) => (l.productId === productId ? { ...l, unitPrice } : l));
    return { kind: 'unchanged' };
  }
}

/** `unitPrice × quantity` of one line. */
export function lineTotal(line: CartLine): Money {
  return times(line.unitPrice, line.quantity);
}
