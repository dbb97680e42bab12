import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkErrorCatalog } from '@bazaar/platform/errors/index';
import { paymentErrors } from './errors';

const CONTRACT = path.resolve(__dirname, '../../../contracts/openapi/payment.yaml');

describe('payment error catalog', () => {
  it('names exactly the PAYMENT_ERR_* codes of the contract', () => {
    expect(checkErrorCatalog(paymentErrors, readFileSync(CONTRACT, 'utf8'), 'PAYMENT')).toEqual([]);
  });

  it('gives each code the status the contract answers it with', () => {
    const contract = readFileSync(CONTRACT, 'utf8');
    for (const [code, entry] of Object.entries(paymentErrors.entries)) {
      expect(contract).toMatch(new RegExp(`status: ${entry.status}\\s+code: ${code}`));
    }
  });
});
