/**
 * @bazaar/sdk builds as a standalone npm package: its own tsconfig compiles it to CommonJS with
 * declarations, the built package works against a server, `npm pack` ships only dist + README, and
 * the README's quick start type-checks against the built declarations.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type * as Sdk from '@bazaar/generated/sdk/src/index';

const root = path.resolve(__dirname, '../..');
const sdkDir = path.join(root, 'generated/sdk');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
let workDir: string;
let packageDir: string;

beforeAll(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-sdk-'));
  packageDir = path.join(workDir, 'node_modules/@bazaar/sdk');
  mkdirSync(packageDir, { recursive: true });
  cpSync(path.join(sdkDir, 'package.json'), path.join(packageDir, 'package.json'));
  cpSync(path.join(sdkDir, 'README.md'), path.join(packageDir, 'README.md'));
  execFileSync(
    process.execPath,
    [tsc, '-p', path.join(sdkDir, 'tsconfig.json'), '--outDir', path.join(packageDir, 'dist')],
    { stdio: 'pipe' },
  );
  // The package's one runtime dependency, as npm would install it beside the package.
  symlinkSync(
    path.join(root, 'node_modules/openapi-fetch'),
    path.join(workDir, 'node_modules/openapi-fetch'),
  );
}, 60_000);

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('@bazaar/sdk package', () => {
  it('declares a public package whose entry points exist after the build', () => {
    const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(pkg.name).toBe('@bazaar/sdk');
    expect(pkg.private).toBeUndefined();
    expect(() => readFileSync(path.join(packageDir, 'dist/index.js'))).not.toThrow();
    expect(() => readFileSync(path.join(packageDir, 'dist/index.d.ts'))).not.toThrow();
  });

  it('leaves internal operations out of the public clients', () => {
    const declarations = readFileSync(path.join(packageDir, 'dist/payment/client.d.ts'), 'utf8');
    expect(declarations).toContain('getPayment');
    expect(declarations).not.toMatch(/\bcreatePayment\(/);
  });

  it('calls the API through the built package', async () => {
    const seen: string[] = [];
    const server: Server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ items: [], page: { number: 1, size: 20, totalItems: 0, totalPages: 0 } }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const sdk = (await import(packageDir)) as typeof Sdk;
      const bazaar = sdk.createBazaarClient({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        token: 't0k',
      });
      const page = await bazaar.catalog.listProducts({ params: { query: { q: 'mug' } } });
      expect(page.items).toEqual([]);
      expect(seen).toEqual(['GET /api/v1/products?q=mug Bearer t0k']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('packs only the build output and the README', () => {
    const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: packageDir,
      encoding: 'utf8',
    });
    const files = (JSON.parse(output) as { files: { path: string }[] }[])[0]!.files.map(
      (f) => f.path,
    );
    expect(files).toContain('dist/index.js');
    expect(files).toContain('README.md');
    expect(
      files.filter((f) => !f.startsWith('dist/') && f !== 'README.md' && f !== 'package.json'),
    ).toEqual([]);
  });

  it("type-checks the README's quick start against the built declarations", () => {
    const readme = readFileSync(path.join(sdkDir, 'README.md'), 'utf8');
    const quickStart = /## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(quickStart).toBeDefined();
    // An ES module, as the quick start uses top-level await.
    writeFileSync(path.join(workDir, 'quick-start.mts'), `export {};\n${quickStart}`);
    writeFileSync(
      path.join(workDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022', 'DOM'],
          module: 'nodenext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['quick-start.mts'],
      }),
    );
    const run = () =>
      execFileSync(process.execPath, [tsc, '-p', workDir], { encoding: 'utf8', stdio: 'pipe' });
    expect(run).not.toThrow();
  });
});
