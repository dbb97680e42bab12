import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkErrorCatalog } from '@bazaar/platform/errors/index';
import { catalogErrors } from './errors';

describe('catalog error catalog', () => {
  it('names exactly the CATALOG_ERR_* codes of the catalog contract', () => {
    const contract = readFileSync(
      path.resolve(__dirname, '../../../contracts/openapi/catalog.yaml'),
      'utf8',
    );
    expect(checkErrorCatalog(catalogErrors, contract, 'CATALOG')).toEqual([]);
  });

  it('answers a taken SKU with 409 and an unknown category with 422, as the contract says', () => {
    expect(catalogErrors.problem('CATALOG_ERR_SKU_TAKEN').status).toBe(409);
    expect(catalogErrors.problem('CATALOG_ERR_UNKNOWN_CATEGORY').status).toBe(422);
  });
});
