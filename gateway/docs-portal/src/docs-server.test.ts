/** The docs server serves a built site under /docs with the content types browsers need. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DocsServer, serveDocs } from './docs-server';

let root: string;
let server: DocsServer;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'bazaar-docs-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<h1>Bazaar</h1>');
  writeFileSync(path.join(root, 'assets/redoc.standalone.js'), 'export {};');
  writeFileSync(path.join(root, 'catalog.yaml'), 'openapi: 3.1.0');
  server = await serveDocs({ root });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('docs server', () => {
  it('redirects /docs to /docs/ so relative links resolve', async () => {
    const res = await fetch(`${server.origin}/docs`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/docs/');
  });

  it('answers a folder with its index.html', async () => {
    const res = await fetch(server.baseUrl);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe('<h1>Bazaar</h1>');
  });

  it.each([
    ['assets/redoc.standalone.js', 'text/javascript; charset=utf-8'],
    ['catalog.yaml', 'application/yaml; charset=utf-8'],
  ])('serves %s as %s', async (file, type) => {
    const res = await fetch(`${server.baseUrl}${file}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
  });

  it('never serves a file outside the site', async () => {
    const res = await fetch(`${server.baseUrl}..%2f..%2fetc%2fpasswd`);
    expect(res.status).toBe(404);
  });
});
