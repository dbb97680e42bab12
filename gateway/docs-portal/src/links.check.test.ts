import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brokenLinks } from './links.check';

let site: string;
beforeEach(() => {
  site = mkdtempSync(path.join(os.tmpdir(), 'bazaar-links-'));
  mkdirSync(path.join(site, 'api'));
  writeFileSync(path.join(site, 'events.html'), '<h2 id="envelope">Envelope</h2>');
  writeFileSync(path.join(site, 'api/cart.html'), '<div id="redoc"></div>');
});
afterEach(() => rmSync(site, { recursive: true, force: true }));

function page(body: string, at = 'index.html'): string[] {
  writeFileSync(path.join(site, at), body);
  return brokenLinks(site, [at]);
}

describe('the portal link check', () => {
  it('accepts relative links to files and ids that exist, and external links', () => {
    expect(
      page(
        '<a href="events.html#envelope">e</a><a href="api/cart.html#/cart">c</a><a href="https://rfc-editor.org">r</a><a href="#top" id="top">t</a>',
      ),
    ).toEqual([]);
  });

  it('reports a link to a file the site does not have', () => {
    expect(page('<a href="grpc.html">g</a>')).toEqual([
      'index.html: grpc.html (no such file in the site)',
    ]);
  });

  it('reports a fragment with no element of that id', () => {
    expect(page('<a href="events.html#payload">p</a>')).toEqual([
      'index.html: events.html#payload (no element with id "payload")',
    ]);
  });

  it('reports absolute paths, which break under the /docs prefix', () => {
    expect(page('<link href="/assets/portal.css">')).toEqual([
      'index.html: /assets/portal.css (absolute paths break under a prefix such as /docs)',
    ]);
  });

  it('resolves links from a page in a subfolder against that folder', () => {
    expect(
      page('<a href="../events.html">e</a><a href="../nowhere.html">n</a>', 'api/page.html'),
    ).toEqual(['api/page.html: ../nowhere.html (no such file in the site)']);
  });
});
