/**
 * Holds the getting-started guide to the contracts: its TypeScript compiles against the SDK's
 * source, and each curl call names a public operation with the headers it needs and a body its
 * request schema accepts. A contract change that breaks an example fails here.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  listOpenApiServices,
  loadServiceContract,
  type ServiceContract,
} from '../../../tools/codegen/lib/openapi-model';
import { GUIDE_GATEWAY, GUIDE_SOURCE, gettingStartedPage } from './getting-started.page';
import { codeBlocks, curlCalls } from './guide.examples';
import type { PublicApi } from './openapi.public';

const ROOT = path.resolve(__dirname, '../../..');
const guide = readFileSync(GUIDE_SOURCE, 'utf8');
const SAMPLE_ID = '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70';
const VARIABLES = {
  TOKEN: 'eyJ.token',
  PARTNER_TOKEN: 'eyJ.partner',
  PRODUCT_ID: SAMPLE_ID,
  ORDER_ID: SAMPLE_ID,
};

let contracts: ServiceContract[];
beforeAll(async () => {
  contracts = await Promise.all(listOpenApiServices(ROOT).map((s) => loadServiceContract(ROOT, s)));
});

function operationFor(method: string, pathname: string) {
  for (const contract of contracts) {
    for (const op of contract.operations) {
      const pattern = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      if (op.method === method.toLowerCase() && pattern.test(pathname)) return { contract, op };
    }
  }
  return undefined;
}

describe('the getting-started guide', () => {
  it('compiles its TypeScript examples against the SDK', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-guide-'));
    try {
      writeFileSync(
        path.join(dir, 'guide.ts'),
        `export {};\n${codeBlocks(guide, 'ts').join('\n')}`,
      );
      writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2022', 'DOM'],
            module: 'preserve',
            moduleResolution: 'bundler',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: ['node'],
            typeRoots: [path.join(ROOT, 'node_modules/@types')],
            paths: { '@bazaar/sdk': [path.join(ROOT, 'generated/sdk/src/index.ts')] },
          },
          files: ['guide.ts'],
        }),
      );
      const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
      const compile = () =>
        execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8', stdio: 'pipe' });
      expect(compile).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('calls only public operations, through the gateway, with the headers they require', () => {
    const calls = curlCalls(guide, GUIDE_GATEWAY, VARIABLES);
    expect(calls.length).toBeGreaterThan(8);
    for (const call of calls) {
      const found = operationFor(call.method, call.url.pathname);
      expect({ call: call.source, operation: found?.op.operationId ?? 'none' }).not.toEqual({
        call: call.source,
        operation: 'none',
      });
      const { op } = found!;
      expect({ call: call.source, internal: op.internal }).toEqual({
        call: call.source,
        internal: false,
      });
      const missing = [
        ...(op.secured && !call.headers.authorization?.startsWith('Bearer ')
          ? ['Authorization']
          : []),
        ...op.headerParameters.filter(
          (h) => h === 'Idempotency-Key' && !call.headers['idempotency-key'],
        ),
        ...[...call.url.searchParams.keys()]
          .filter((q) => !op.queryParameters.includes(q))
          .map((q) => `?${q}`),
      ];
      expect({ call: call.source, missing }).toEqual({ call: call.source, missing: [] });
    }
  });

  it('sends request bodies that the request schemas accept', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const bodies = curlCalls(guide, GUIDE_GATEWAY, VARIABLES).filter((c) => c.body !== undefined);
    expect(bodies.length).toBeGreaterThan(4);
    for (const call of bodies) {
      const { contract, op } = operationFor(call.method, call.url.pathname)!;
      if (!ajv.getSchema(contract.service)) ajv.addSchema(contract.document, contract.service);
      const pointer = `#/paths/${op.path.replace(/~/g, '~0').replace(/\//g, '~1')}/${op.method}/requestBody/content/application~1json/schema`;
      const validate = ajv.compile({ $ref: `${contract.service}${pointer}` });
      const valid = validate(JSON.parse(call.body!));
      expect({ call: call.source, errors: valid ? [] : ajv.errorsText(validate.errors) }).toEqual({
        call: call.source,
        errors: [],
      });
    }
  });

  it('fills its rate-limit table from the gateway policy of each contract', () => {
    const apis = [
      {
        service: 'identity',
        operations: [{ operationId: 'login', method: 'POST', path: '/api/v1/auth/login' }],
        rateLimits: [
          { windows: { minute: 120 }, limitBy: 'consumer' },
          { operationId: 'login', windows: { minute: 10, hour: 100 }, limitBy: 'ip' },
        ],
      },
    ] as unknown as PublicApi[];
    // Whitespace between tags is formatting only.
    const html = gettingStartedPage(apis, { gatewayUrl: GUIDE_GATEWAY, services: [] }).replace(
      />\s+</g,
      '><',
    );
    expect(html).toContain(
      '<td>every other operation</td><td>120 per minute</td><td>user (IP when anonymous)</td>',
    );
    expect(html).toContain(
      '<code>POST /api/v1/auth/login</code></td><td>10 per minute, 100 per hour</td><td>ip</td>',
    );
    expect(html).not.toContain('<!-- rate-limits -->');
  });

  it('points its examples at the gateway the site is built for', () => {
    const html = gettingStartedPage([], { gatewayUrl: 'https://api.bazaar.example', services: [] });
    expect(html).toContain('https://api.bazaar.example/api/v1/orders');
    expect(html).toContain('wss://api.bazaar.example/ws/orders');
    expect(html).not.toContain('localhost:8000');
  });
});
