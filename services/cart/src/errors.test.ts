import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkErrorCatalog } from '@bazaar/platform/errors/index';
import { parse } from 'yaml';
import { cartErrors, type CartErrorCode } from './errors';

const contractPath = path.resolve(__dirname, '../../../contracts/openapi/cart.yaml');
const contractText = readFileSync(contractPath, 'utf8');

/** Every problem example in the contract, wherever it sits: { code, status, title }. */
function problemExamples(node: unknown, found: Record<string, unknown>[] = []) {
  if (Array.isArray(node)) node.forEach((child) => problemExamples(child, found));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.code === 'string' && record.code.startsWith('CART_ERR_')) found.push(record);
    Object.values(record).forEach((child) => problemExamples(child, found));
  }
  return found;
}

describe('the cart error catalog', () => {
  it('names exactly the CART_ERR_* codes of the contract', () => {
    expect(checkErrorCatalog(cartErrors, contractText, 'CART')).toEqual([]);
  });

  it('gives each code the type, status and title of its examples in the contract', () => {
    const examples = problemExamples(parse(contractText));
    const codes = new Set(examples.map((example) => example.code));
    expect([...codes].sort()).toEqual(Object.keys(cartErrors.entries).sort());
    for (const example of examples) {
      const problem = cartErrors.problem(example.code as CartErrorCode);
      expect({
        code: example.code,
        type: problem.type,
        status: problem.status,
        title: problem.title,
      }).toEqual({
        code: example.code,
        type: example.type,
        status: example.status,
        title: example.title,
      });
    }
  });

  it('keeps the detail and extensions of a problem', () => {
    expect(
      cartErrors.problem('CART_ERR_ITEM_NOT_FOUND', 'product p is not in the cart', {
        productId: 'p',
      }),
    ).toMatchObject({
      code: 'CART_ERR_ITEM_NOT_FOUND',
      detail: 'product p is not in the cart',
      productId: 'p',
    });
  });
});
