import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { checkErrorCatalog } from '@bazaar/platform/errors/index';
import { identityErrors, type IdentityErrorCode } from './errors';

const contractText = readFileSync(
  path.resolve(__dirname, '../../../contracts/openapi/identity.yaml'),
  'utf8',
);

type Example = { type?: string; title?: string; status?: number; code?: string };

/** Every problem example of the contract that carries an IDENTITY_ERR_* code. */
function contractProblemExamples(): Example[] {
  const found: Example[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record['code'] === 'string' && record['code'].startsWith('IDENTITY_ERR_'))
      found.push(record as Example);
    Object.values(record).forEach(visit);
  };
  visit(parse(contractText));
  return found;
}

describe('the identity error catalog', () => {
  it('names exactly the IDENTITY_ERR_* codes of the contract', () => {
    expect(checkErrorCatalog(identityErrors, contractText, 'IDENTITY')).toEqual([]);
  });

  it('renders each code with the type, title and status of its contract example', () => {
    const examples = contractProblemExamples();
    expect(examples.length).toBeGreaterThanOrEqual(Object.keys(identityErrors.entries).length);
    for (const example of examples) {
      const rendered = identityErrors.problem(example.code as IdentityErrorCode);
      expect({
        code: example.code,
        type: rendered.type,
        title: rendered.title,
        status: rendered.status,
      }).toEqual({
        code: example.code,
        type: example.type,
        title: example.title,
        status: example.status,
      });
    }
  });
});
