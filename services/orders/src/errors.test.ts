import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkErrorCatalog } from '@bazaar/platform/errors/index';
import { ordersErrors } from './errors';

const CONTRACT = readFileSync(
  path.resolve(__dirname, '../../../contracts/openapi/orders.yaml'),
  'utf8',
);

describe('orders error catalog', () => {
  it('names exactly the ORDERS_ERR_* codes of the contract, with the problem types its examples spell', () => {
    expect(checkErrorCatalog(ordersErrors, CONTRACT, 'ORDERS')).toEqual([]);
  });

  it('gives each contract code the status the contract answers it with', () => {
    for (const [code, entry] of Object.entries(ordersErrors.entries)) {
      if (!code.startsWith('ORDERS_ERR_')) continue;
      expect(CONTRACT).toMatch(new RegExp(`status: ${entry.status}\\s+code: ${code}`));
    }
  });

  it('builds the out-of-stock problem with its extensions', () => {
    const problem = ordersErrors.problem('ORDERS_ERR_OUT_OF_STOCK', '1 product is out of stock', {
      orderId: 'o-1',
      shortages: [],
    });
    expect(problem).toMatchObject({
      type: 'https://docs.bazaar.dev/problems/out-of-stock',
      status: 409,
      code: 'ORDERS_ERR_OUT_OF_STOCK',
      orderId: 'o-1',
    });
  });
});
