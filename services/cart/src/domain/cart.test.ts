import { Cart, MAX_LINES, MAX_UNITS_PER_LINE, type ProductOffer } from './cart';
import {
  CurrencyMismatchError,
  ItemNotInCartError,
  QuantityLimitError,
  TooManyProductsError,
} from './cart-errors';
import { money } from './money';

const OWNER = '7b4e2d1c-9a8f-4e6d-b5c4-3a2f1e0d9c8b';

function offer(n: number, amount = 1000, currency = 'USD'): ProductOffer {
  return {
    productId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    sku: `SKU-${n}`,
    name: `Product ${n}`,
    unitPrice: money(amount, currency),
    available: true,
  };
}

const mug = offer(1, 1299);
const tea = offer(2, 850);

describe('Cart', () => {
  describe('adding', () => {
    it('adds a new product as the last line', () => {
      const cart = Cart.restore(OWNER, [{ ...tea, quantity: 1 }]);
      const change = cart.add(mug, 2);
      expect(change).toEqual({ kind: 'units-added', line: { ...mug, quantity: 2 }, added: 2 });
      expect(cart.items.map((l) => l.productId)).toEqual([tea.productId, mug.productId]);
    });

    it('adds to the quantity of a product already in the cart instead of a second line', () => {
      const cart = Cart.empty(OWNER);
      cart.add(mug, 2);
      const change = cart.add(mug, 3);
      expect(change.line.quantity).toBe(5);
      expect(change.added).toBe(3);
      expect(cart.items).toHaveLength(1);
    });

    it('keeps a line where it was when more of its product is added', () => {
      const cart = Cart.empty(OWNER);
      cart.add(mug, 1);
      cart.add(tea, 1);
      cart.add(mug, 1);
      expect(cart.items.map((l) => l.productId)).toEqual([mug.productId, tea.productId]);
    });

    it('allows exactly 99 units of one product', () => {
      const cart = Cart.empty(OWNER);
      cart.add(mug, 98);
      expect(cart.add(mug, 1).line.quantity).toBe(MAX_UNITS_PER_LINE);
    });

    it('refuses a 100th unit, saying how many the cart already holds', () => {
      const cart = Cart.restore(OWNER, [{ ...mug, quantity: 98 }]);
      const error = captureError(() => cart.add(mug, 2));
      expect(error).toBeInstanceOf(QuantityLimitError);
      expect(error.message).toBe(
        'the cart already holds 98 of this product; at most 99 are allowed',
      );
      expect(cart.line(mug.productId)?.quantity).toBe(98);
    });

    it('allows a 50th product and refuses a 51st', () => {
      const cart = Cart.empty(OWNER);
      for (let n = 1; n < MAX_LINES; n++) cart.add(offer(n), 1);
      expect(() => cart.add(offer(MAX_LINES), 1)).not.toThrow();
      expect(() => cart.add(offer(MAX_LINES + 1), 1)).toThrow(TooManyProductsError);
      expect(cart.items).toHaveLength(MAX_LINES);
    });

    it('still adds units of a product already in a full cart', () => {
      const cart = Cart.empty(OWNER);
      for (let n = 1; n <= MAX_LINES; n++) cart.add(offer(n), 1);
      expect(cart.add(offer(1), 1).line.quantity).toBe(2);
    });

    it('refuses a product priced in another currency than the cart', () => {
      const cart = Cart.restore(OWNER, [{ ...mug, quantity: 1 }]);
      const error = captureError(() => cart.add(offer(3, 500, 'EUR'), 1));
      expect(error).toBeInstanceOf(CurrencyMismatchError);
      expect(error.message).toBe('the cart is in USD; this product is priced in EUR');
    });

    it('takes the current price of the product when more of it is added', () => {
      const cart = Cart.restore(OWNER, [{ ...mug, quantity: 1 }]);
      const change = cart.add({ ...mug, unitPrice: money(999, 'USD') }, 1);
      expect(change.line.unitPrice).toEqual(money(999, 'USD'));
    });
  });

  describe('setting a quantity', () => {
    it('reports the units added when the quantity grows', () => {
      const cart = Cart.restore(OWNER, [{ ...mug, quantity: 2 }]);
      expect(cart.setQuantity(mug.productId, 5)).toEqual({
        kind: 'units-added',
        line: { ...mug, quantity: 5 },
        added: 3,
      });
    });

    it('reports the units removed when the quantity shrinks', () => {
      const cart = Cart.restore(OWNER, [{ ...mug, quantity: 5 }]);
      expect(cart.setQuantity(mug.productId, 1)).toEqual({
        kind: 'units-removed',
        line: { ...mug, quantity: 1 },
        removed: 4,
      });
    });

    it('reports no change when the quantity is the same', () => {
      const cart = Cart.restore(OWNER, [{ ...mug, quantity: 2 }]);
      expect(cart.setQuantity(mug.productId, 2)).toEqual({ kind: 'unchanged' });
    });

    it('refuses more than 99 units', () => {
      const cart = Cart.restore(OWNER, [{ ...mug, quantity: 2 }]);
      expect(() => cart.setQuantity(mug.productId, 100)).toThrow(QuantityLimitError);
    });

    it('refuses a product that is not in the cart', () => {
      expect(() => Cart.empty(OWNER).setQuantity(mug.productId, 1)).toThrow(ItemNotInCartError);
    });

    it('refuses a quantity below one', () => {
      const cart = Cart.restore(OWNER, [{ ...mug, quantity: 2 }]);
      expect(() => cart.setQuantity(mug.productId, 0)).toThrow(RangeError);
    });
  });

  describe('removing and clearing', () => {
    it('removes a line and reports how many units left', () => {
      const cart = Cart.restore(OWNER, [
        { ...mug, quantity: 2 },
        { ...tea, quantity: 1 },
      ]);
      expect(cart.remove(mug.productId)).toEqual({
        kind: 'line-removed',
        productId: mug.productId,
        removed: 2,
      });
      expect(cart.items.map((l) => l.productId)).toEqual([tea.productId]);
    });

    it('refuses to remove a product that is not in the cart', () => {
      expect(() => Cart.empty(OWNER).remove(mug.productId)).toThrow(ItemNotInCartError);
    });

    it('empties the cart and returns the lines it held', () => {
      const cart = Cart.restore(OWNER, [{ ...mug, quantity: 2 }]);
      expect(cart.clear()).toEqual([{ ...mug, quantity: 2 }]);
      expect(cart.items).toEqual([]);
    });
  });

  describe('totals', () => {
    it('counts units, not lines', () => {
      const cart = Cart.restore(OWNER, [
        { ...mug, quantity: 2 },
        { ...tea, quantity: 1 },
      ]);
      expect(cart.itemCount).toBe(3);
    });

    it('sums the line totals in the cart currency', () => {
      const cart = Cart.restore(OWNER, [
        { ...mug, quantity: 2 },
        { ...tea, quantity: 1 },
      ]);
      expect(cart.total).toEqual({ amount: 3448, currency: 'USD' });
    });

    it('has no total and no currency when empty', () => {
      const cart = Cart.empty(OWNER);
      expect(cart.total).toBeNull();
      expect(cart.currency).toBeUndefined();
      expect(cart.itemCount).toBe(0);
    });
  });

  describe('following a price change', () => {
    it('takes a new price in the cart currency', () => {
      const cart = Cart.restore(OWNER, [
        { ...mug, quantity: 2 },
        { ...tea, quantity: 1 },
      ]);
      expect(cart.reprice(mug.productId, money(1099, 'USD'))).toEqual({ kind: 'unchanged' });
      expect(cart.total).toEqual({ amount: 2198 + 850, currency: 'USD' });
    });

    it('drops a line whose new price is in another currency than the other lines', () => {
      const cart = Cart.restore(OWNER, [
        { ...mug, quantity: 2 },
        { ...tea, quantity: 1 },
      ]);
      expect(cart.reprice(mug.productId, money(1100, 'EUR'))).toEqual({
        kind: 'line-removed',
        productId: mug.productId,
        removed: 2,
      });
      expect(cart.total).toEqual({ amount: 850, currency: 'USD' });
    });

    it('lets a cart of one product follow that product into another currency', () => {
      const cart = Cart.restore(OWNER, [{ ...mug, quantity: 2 }]);
      expect(cart.reprice(mug.productId, money(1100, 'EUR'))).toEqual({ kind: 'unchanged' });
      expect(cart.currency).toBe('EUR');
    });
  });
});

function captureError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
