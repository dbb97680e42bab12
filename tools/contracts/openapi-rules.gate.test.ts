import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { GATEWAY_ERROR, PROBLEM, at, sampleOpenApi } from './fixtures/sample-openapi';
import { openApiRulesGate } from './openapi-rules.gate';

describe('Bazaar OpenAPI rules gate', () => {
  let root: string;

  /** A contracts/ tree with the sample as items.yaml, its errors $ref'd from _shared/problem.yaml. */
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'bazaar-rules-gate-'));
    const openapi = path.join(root, 'contracts', 'openapi');
    mkdirSync(path.join(openapi, '_shared'), { recursive: true });
    const shared = {
      openapi: '3.1.0',
      info: { title: 's', version: '1' },
      paths: {},
      components: { schemas: { Problem: PROBLEM, GatewayError: GATEWAY_ERROR } },
    };
    writeFileSync(path.join(openapi, '_shared', 'problem.yaml'), stringify(shared));
    const doc = sampleOpenApi();
    at(doc, 'paths', '/api/v1/items/{itemId}', 'get', 'responses')['404'] = {
      description: 'no such item',
      content: {
        'application/problem+json': {
          schema: { $ref: './_shared/problem.yaml#/components/schemas/Problem' },
        },
      },
    };
    writeFileSync(
      path.join(openapi, 'items.yaml'),
      stringify(doc, { aliasDuplicateObjects: false }),
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('a document whose shared Problem is $ref’d from another file passes once redocly.yaml lists it', async () => {
    writeFileSync(
      path.join(root, 'contracts', 'redocly.yaml'),
      'apis:\n  items: { root: openapi/items.yaml }\n',
    );
    const outcome = await openApiRulesGate(root);
    expect(outcome.lines).toEqual([]);
    expect(outcome.ok).toBe(true);
  });

  test('a document that contracts/redocly.yaml does not list fails the gate', async () => {
    writeFileSync(path.join(root, 'contracts', 'redocly.yaml'), 'apis: {}\n');
    const outcome = await openApiRulesGate(root);
    expect(outcome.ok).toBe(false);
    expect(outcome.lines).toEqual([
      'contracts/openapi/items.yaml is not listed under apis in contracts/redocly.yaml, so it is never linted',
    ]);
  });
});
