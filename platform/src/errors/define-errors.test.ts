import { ContractProblem } from '@bazaar/generated/http/runtime/server-runtime';
import { checkErrorCatalog, defineErrors } from './define-errors';

const errors = defineErrors({
  CATALOG_ERR_SKU_TAKEN: { status: 409, title: 'SKU already in use' },
  CATALOG_ERR_UNKNOWN_CATEGORY: { status: 422, title: 'Unknown category' },
});

describe('error catalog', () => {
  it('builds the RFC 9457 problem of a code', () => {
    expect(errors.problem('CATALOG_ERR_SKU_TAKEN', 'MUG-1 exists', { sku: 'MUG-1' })).toEqual({
      type: 'https://docs.bazaar.dev/problems/sku-taken',
      title: 'SKU already in use',
      status: 409,
      code: 'CATALOG_ERR_SKU_TAKEN',
      detail: 'MUG-1 exists',
      sku: 'MUG-1',
    });
  });

  it('makes a throwable problem for use cases', () => {
    const error = errors.error('CATALOG_ERR_UNKNOWN_CATEGORY');
    expect(error).toBeInstanceOf(ContractProblem);
    expect(error.status).toBe(422);
  });

  it('refuses a status that is not an error', () => {
    expect(() => defineErrors({ X_ERR_OK: { status: 200, title: 'fine' } })).toThrow(
      /not an HTTP error status/,
    );
  });

  it('uses the type a catalog entry names', () => {
    const cart = defineErrors({
      CART_ERR_ITEM_NOT_FOUND: { status: 404, title: 'Not in cart', type: 'cart-item-not-found' },
    });
    expect(cart.problem('CART_ERR_ITEM_NOT_FOUND').type).toBe(
      'https://docs.bazaar.dev/problems/cart-item-not-found',
    );
  });

  it('reports a code whose contract example shows another problem type', () => {
    const contract =
      'example:\n  type: https://docs.bazaar.dev/problems/sku-in-use\n  code: CATALOG_ERR_SKU_TAKEN\n# CATALOG_ERR_UNKNOWN_CATEGORY\n';
    expect(checkErrorCatalog(errors, contract, 'CATALOG')).toEqual([
      'CATALOG_ERR_SKU_TAKEN has type https://docs.bazaar.dev/problems/sku-in-use in the contract but https://docs.bazaar.dev/problems/sku-taken in the catalog',
    ]);
  });

  it('finds codes missing on either side of the contract', () => {
    const contract = 'description: CATALOG_ERR_SKU_TAKEN or CATALOG_ERR_PRICE_FROZEN';
    expect(checkErrorCatalog(errors, contract, 'CATALOG')).toEqual([
      'CATALOG_ERR_PRICE_FROZEN is in the contract but not in the catalog',
      'CATALOG_ERR_UNKNOWN_CATEGORY is in the catalog but not in the contract',
    ]);
  });
});
