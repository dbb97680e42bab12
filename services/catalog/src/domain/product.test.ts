import { openingPrice } from './price-history';
import { applyProductChanges, newProduct, toProductView, withdrawProduct } from './product';

const created = new Date('2026-11-01T09:00:00.000Z');
const later = new Date('2026-11-20T16:30:00.000Z');
const mug = newProduct(
  '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70',
  { sku: 'MUG-BLUE-01', name: 'Blue ceramic mug', price: { amount: 1299, currency: 'USD' } },
  created,
);
const mugPrice = openingPrice(mug.price, created);

describe('product', () => {
  it('starts out of stock, unsold, without a category and with an empty description', () => {
    expect(mug).toMatchObject({
      inStock: false,
      salesCount: 0,
      categoryId: null,
      description: '',
      createdAt: created,
      updatedAt: created,
      deletedAt: null,
    });
  });

  it('lists only the fields whose value changes, in contract order', () => {
    const outcome = applyProductChanges(
      mug,
      mugPrice,
      { price: { amount: 1099, currency: 'USD' }, name: 'Blue mug', description: '' },
      later,
    );
    expect(outcome.kind === 'changed' && outcome.changedFields).toEqual(['name', 'price']);
  });

  it('leaves the product untouched when every given field already has that value', () => {
    const outcome = applyProductChanges(
      mug,
      mugPrice,
      { name: 'Blue ceramic mug', price: { amount: 1299, currency: 'USD' } },
      later,
    );
    expect(outcome).toEqual({ kind: 'unchanged', product: mug });
  });

  it('plans a price change and stamps the product with the instant the new price starts', () => {
    const outcome = applyProductChanges(
      mug,
      mugPrice,
      { price: { amount: 1099, currency: 'USD' } },
      later,
    );
    expect(outcome.kind).toBe('changed');
    if (outcome.kind !== 'changed') return;
    expect(outcome.priceChange).toEqual({
      previous: { amount: 1299, currency: 'USD' },
      next: { amount: 1099, currency: 'USD' },
      effectiveAt: later,
    });
    expect(outcome.product.price).toEqual({ amount: 1099, currency: 'USD' });
    expect(outcome.product.updatedAt).toEqual(later);
  });

  it('plans no price change when only other fields change', () => {
    const outcome = applyProductChanges(mug, mugPrice, { description: '350 ml' }, later);
    expect(outcome.kind === 'changed' && outcome.priceChange).toBeUndefined();
  });

  it('moves a product out of its category with a null category', () => {
    const inKitchen = { ...mug, categoryId: '0b9d8c7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e' };
    const outcome = applyProductChanges(inKitchen, mugPrice, { categoryId: null }, later);
    expect(outcome.kind === 'changed' && outcome.product.categoryId).toBeNull();
  });

  it('refuses to change a withdrawn product', () => {
    const withdrawn = { ...mug, deletedAt: later };
    expect(applyProductChanges(withdrawn, mugPrice, { name: 'Other' }, later)).toEqual({
      kind: 'withdrawn',
    });
  });

  it('withdraws a product once', () => {
    const first = withdrawProduct(mug, later);
    expect(first).toEqual({ kind: 'withdrawn', product: { ...mug, deletedAt: later } });
    expect(first.kind === 'withdrawn' && withdrawProduct(first.product, later)).toEqual({
      kind: 'already-withdrawn',
    });
  });

  it('shows itself with RFC 3339 instants and without its withdrawal mark', () => {
    expect(toProductView(mug)).toEqual({
      id: '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70',
      sku: 'MUG-BLUE-01',
      name: 'Blue ceramic mug',
      description: '',
      categoryId: null,
      price: { amount: 1299, currency: 'USD' },
      inStock: false,
      salesCount: 0,
      createdAt: '2026-11-01T09:00:00.000Z',
      updatedAt: '2026-11-01T09:00:00.000Z',
    });
  });
});
