import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkErrorCatalog } from '@bazaar/platform/errors/index';
import { inventoryErrors } from './errors';

describe('inventory error catalog', () => {
  it('names exactly the INVENTORY_ERR_* codes of the REST contract', () => {
    const contract = readFileSync(
      path.resolve(__dirname, '../../../contracts/openapi/inventory.yaml'),
      'utf8',
    );
    expect(checkErrorCatalog(inventoryErrors, contract, 'INVENTORY')).toEqual([]);
  });

  it('renders insufficient stock as a 409 problem carrying its code', () => {
    expect(
      inventoryErrors.problem('INVENTORY_ERR_INSUFFICIENT_STOCK', 'cannot remove 20 units'),
    ).toEqual({
      type: 'https://docs.bazaar.dev/problems/insufficient-stock',
      title: 'Insufficient stock',
      status: 409,
      code: 'INVENTORY_ERR_INSUFFICIENT_STOCK',
      detail: 'cannot remove 20 units',
    });
  });
});
