import { InvalidFieldError } from './domain-errors';
import {
  MAX_TTL_MS,
  requireUuid,
  resolveTtlMs,
  sameItems,
  validateReservationItems,
} from './reservation-request';

const A = '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70';
const B = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidFieldError) return error.field;
    throw error;
  }
  throw new Error('expected an InvalidFieldError');
}

describe('reservation request validation', () => {
  it('accepts distinct products with at least one unit each', () => {
    expect(
      validateReservationItems([
        { productId: A, quantity: 2 },
        { productId: B, quantity: 1 },
      ]),
    ).toHaveLength(2);
  });

  it('requires at least one item', () => {
    expect(fieldOf(() => validateReservationItems([]))).toBe('items');
  });

  it('allows at most 100 items', () => {
    const items = Array.from({ length: 101 }, (_, i) => ({
      productId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      quantity: 1,
    }));
    expect(fieldOf(() => validateReservationItems(items))).toBe('items');
  });

  it('names a product listed twice', () => {
    expect(
      fieldOf(() =>
        validateReservationItems([
          { productId: A, quantity: 1 },
          { productId: A, quantity: 2 },
        ]),
      ),
    ).toBe('items[1].product_id');
  });

  it('names a quantity below 1', () => {
    expect(fieldOf(() => validateReservationItems([{ productId: A, quantity: 0 }]))).toBe(
      'items[0].quantity',
    );
  });

  it('names a product id that is not a UUID', () => {
    expect(fieldOf(() => validateReservationItems([{ productId: 'mug', quantity: 1 }]))).toBe(
      'items[0].product_id',
    );
  });

  it('requires an order id', () => {
    expect(fieldOf(() => requireUuid('', 'order_id'))).toBe('order_id');
  });

  it('uses the default ttl when the request sets none', () => {
    expect(resolveTtlMs(null, 900_000)).toBe(900_000);
  });

  it('uses the request ttl within 1 s and 24 h', () => {
    expect(resolveTtlMs({ seconds: 2, nanos: 500_000_000 }, 900_000)).toBe(2_500);
    expect(resolveTtlMs({ seconds: MAX_TTL_MS / 1_000, nanos: 0 }, 900_000)).toBe(MAX_TTL_MS);
  });

  it('refuses a ttl below 1 s or above 24 h', () => {
    expect(fieldOf(() => resolveTtlMs({ seconds: 0, nanos: 999_000_000 }, 900_000))).toBe('ttl');
    expect(fieldOf(() => resolveTtlMs({ seconds: 86_401, nanos: 0 }, 900_000))).toBe('ttl');
  });

  it('compares item lists regardless of order', () => {
    const first = [
      { productId: A, quantity: 1 },
      { productId: B, quantity: 2 },
    ];
    expect(sameItems(first, [...first].reverse())).toBe(true);
    expect(sameItems(first, [{ productId: A, quantity: 1 }])).toBe(false);
    expect(
      sameItems(first, [
        { productId: A, quantity: 1 },
        { productId: B, quantity: 3 },
      ]),
    ).toBe(false);
  });
});
