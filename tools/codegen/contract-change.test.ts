/**
 * A contract change reaches the compiler: code that compiles against the catalog contract stops
 * compiling once the contract makes a field it omits required, both for a client sending a
 * request and for a handler writing a response. Runs the real generator on a scratch copy of the
 * contracts and type-checks with the real compiler.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { parseDocument } from 'yaml';

const repoRoot = path.resolve(__dirname, '../..');
let scratch: string;

/** Inside the repository so that the generated code resolves express, openapi-fetch, ... */
beforeAll(() => {
  mkdirSync(path.join(repoRoot, '.tmp'), { recursive: true });
  scratch = mkdtempSync(path.join(repoRoot, '.tmp', 'contract-change-'));
  cpSync(path.join(repoRoot, 'contracts/openapi'), path.join(scratch, 'contracts/openapi'), {
    recursive: true,
  });
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const consumer = `
import { createCatalogClient } from './generated/http/catalog/client';
import type { CatalogHandlers } from './generated/http/catalog/server';

export async function createMug(): Promise<void> {
  const client = createCatalogClient({ baseUrl: 'http://localhost:8000' });
  await client.createProduct({ body: { sku: 'MUG-1', name: 'Mug', price: { amount: 100, currency: 'USD' } } });
}

export const getCategory: CatalogHandlers['getCategory'] = async ({ path }, reply) =>
  reply(200, { id: path.categoryId, name: 'Kitchen', slug: 'kitchen', description: '', parentId: null });
`;

async function generateAndCompile(
  mutate: (doc: ReturnType<typeof parseDocument>) => void,
): Promise<string[]> {
  const contractFile = path.join(scratch, 'contracts/openapi/catalog.yaml');
  const original = readFileSync(path.join(repoRoot, 'contracts/openapi/catalog.yaml'), 'utf8');
  const doc = parseDocument(original);
  mutate(doc);
  writeFileSync(contractFile, doc.toString());
  // The generator runs in its own process (tsx), as `make generate` does.
  execFileSync(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
      path.join(repoRoot, 'tools/codegen/generate-all.ts'),
      '--root',
      scratch,
      '--out',
      path.join(scratch, 'generated'),
      '--only',
      'catalog',
    ],
    { cwd: repoRoot, stdio: 'pipe' },
  );
  writeFileSync(path.join(scratch, 'consumer.ts'), consumer);
  const program = ts.createProgram([path.join(scratch, 'consumer.ts')], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    esModuleInterop: true,
    types: ['node'],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName.endsWith('consumer.ts'))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('a contract change that makes a field required', () => {
  it('compiles against the contract as it is', async () => {
    expect(await generateAndCompile(() => undefined)).toEqual([]);
  }, 60_000);

  it('breaks a client request that omits the newly required field', async () => {
    const errors = await generateAndCompile((doc) => {
      doc.setIn(
        ['components', 'schemas', 'NewProduct', 'required'],
        ['sku', 'name', 'price', 'description'],
      );
    });
    expect(errors.join('\n')).toMatch(/Property 'description' is missing/);
  }, 60_000);

  it('breaks a handler reply that omits the newly required field', async () => {
    const errors = await generateAndCompile((doc) => {
      doc.setIn(
        ['components', 'schemas', 'Category', 'required'],
        ['id', 'name', 'slug', 'description', 'parentId', 'productCount'],
      );
      doc.setIn(['components', 'schemas', 'Category', 'properties', 'productCount'], {
        type: 'integer',
        minimum: 0,
      });
    });
    expect(errors.join('\n')).toMatch(/Property 'productCount' is missing/);
  }, 60_000);
});
