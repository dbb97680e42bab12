/**
 * Builds the docs portal with `make docs`'s entry point into a temporary folder, serves it under
 * /docs from a local static server, and opens every page in headless Chromium. It proves that
 * each reference renders what the contracts hold (checked against the codegen's own readings of
 * the contracts, not the portal's), that every page is reachable from the index, and that no page
 * logs an error or requests anything that is not on the local server: the site works offline.
 */
import { loadSync } from '@grpc/proto-loader';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { loadEventContracts } from '../../../tools/codegen/lib/asyncapi-model';
import {
  listOpenApiServices,
  loadServiceContract,
  type OperationModel,
} from '../../../tools/codegen/lib/openapi-model';
import { launchChromium, type Browser } from './support/chromium.browser';
import { crawlSite, type CrawlResult, type VisitedPage } from './support/site.crawler';
import { serveDocs, type DocsServer } from '../src/docs-server';

const ROOT = path.resolve(__dirname, '../../..');
const GATEWAY = 'http://localhost:8000';
const PROTO = path.join(ROOT, 'contracts/proto/bazaar/inventory/v1/inventory.proto');

let outDir: string;
let site: DocsServer;
let browser: Browser;
let crawl: CrawlResult;
let contracts: { service: string; operations: OperationModel[] }[];

function listHtml(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? listHtml(path.join(dir, e.name), `${prefix}${e.name}/`)
      : e.name.endsWith('.html')
        ? [`${prefix}${e.name}`]
        : [],
  );
}

function visited(pagePath: string): VisitedPage {
  const page = crawl.pages.get(pagePath);
  if (!page) throw new Error(`${pagePath} was not reached from the index`);
  return page;
}

beforeAll(async () => {
  outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'bazaar-docs-portal-')), 'site');
  // Chromium starts while the site builds; settled, so a failed build still closes the browser.
  const [built, loaded, launched] = await Promise.allSettled([
    promisify(execFile)(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['gateway/docs-portal/build-docs.ts', '--out', outDir, '--gateway-url', GATEWAY],
      { cwd: ROOT },
    ),
    Promise.all(
      listOpenApiServices(ROOT).map(async (service) => ({
        service,
        operations: (await loadServiceContract(ROOT, service)).operations,
      })),
    ),
    launchChromium(),
  ]);
  if (launched.status === 'fulfilled') browser = launched.value;
  for (const outcome of [built, loaded, launched])
    if (outcome.status === 'rejected') throw outcome.reason;
  contracts = (loaded as PromiseFulfilledResult<typeof contracts>).value;
  site = await serveDocs({ root: outDir });
  crawl = await crawlSite(browser.context, site.baseUrl);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (outDir) rmSync(path.dirname(outDir), { recursive: true, force: true });
});

describe('the docs portal in a browser', () => {
  it('reaches every built page from the index at /docs/', () => {
    expect([...crawl.pages.keys()].sort()).toEqual(listHtml(outDir).sort());
    expect(visited('index.html').title).toBe('Bazaar API docs');
  });

  it('logs no console error and requests nothing outside the local server on any page', () => {
    expect(crawl.problems).toEqual([]);
    expect(crawl.requests.filter((url) => !url.startsWith(`${site.origin}/docs/`))).toEqual([]);
    expect(crawl.requests).toContain(`${site.origin}/docs/assets/redoc.standalone.js`);
  });

  it('shows every public operation of each OpenAPI document in its Redoc reference', () => {
    for (const { service, operations } of contracts) {
      const page = visited(`api/${service}.html`);
      const menu = page.redocMenu ?? [];
      const expected = operations.filter((o) => !o.internal).map((o) => o.summary);
      expect({ service, missing: expected.filter((s) => !menu.includes(s)) }).toEqual({
        service,
        missing: [],
      });
      expect(page.text).toContain(`${GATEWAY}`);
      expect(page.text).not.toMatch(/127\.0\.0\.1:\d+/);
    }
  });

  it('leaves x-internal operations out of the API reference', () => {
    const internal = contracts.flatMap(({ service, operations }) =>
      operations.filter((o) => o.internal).map((o) => ({ service, summary: o.summary })),
    );
    expect(internal.length).toBeGreaterThan(0);
    for (const { service, summary } of internal) {
      expect(visited(`api/${service}.html`).text).not.toContain(summary);
    }
  });

  it('lists every event type with its producer, partition key and consumers', async () => {
    const { events, services } = await loadEventContracts(ROOT);
    const page = await browser.context.newPage();
    try {
      await page.goto(`${site.baseUrl}events.html`);
      const rows = await page.$$eval('table.bz-events-table tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())),
      );
      const consumersOf = (type: string) =>
        services.filter((s) => s.receives.includes(type)).map((s) => s.service);
      expect(rows.map((cells) => cells.slice(0, 4))).toEqual(
        events.map((e) => [
          expect.stringContaining(e.eventType),
          e.producer,
          e.partitionKey,
          consumersOf(e.eventType).sort().join(', ') || 'none',
        ]),
      );
      const sections = await page.$$eval('section.bz-event h2', (hs) => hs.length);
      expect(sections).toBe(events.length);
    } finally {
      await page.close();
    }
  });

  it('lists every rpc of the gRPC contract with its request and response', () => {
    const text = visited('grpc.html').text;
    const definition = loadSync(PROTO, { keepCase: true });
    // Keys are the rpc names as written in the .proto (originalName is camelCased).
    const service = definition['bazaar.inventory.v1.InventoryService'] as Record<
      string,
      { requestType: { type: { name: string } }; responseType: { type: { name: string } } }
    >;
    const rpcs = Object.entries(service);
    expect(rpcs.length).toBeGreaterThan(0);
    for (const [name, rpc] of rpcs) {
      expect(text).toContain(
        `rpc ${name}(${rpc.requestType.type.name}) returns (${rpc.responseType.type.name})`,
      );
    }
  });

  it('walks through the getting-started steps with curl and the SDK against the gateway', () => {
    const page = visited('getting-started.html');
    for (const id of [
      '1-create-an-account',
      '5-place-the-order',
      'the-same-with-the-sdk',
      'webhooks',
      'realtime-updates',
    ]) {
      expect(page.ids).toContain(id);
    }
    expect(page.text).toContain(`curl -sS -X POST ${GATEWAY}/api/v1/orders`);
    expect(page.text).toContain("createBazaarClient({ baseUrl: 'http://localhost:8000'");
    for (const { service } of contracts)
      expect(page.text).toMatch(new RegExp(`^${service}\\t`, 'm'));
  });

  it('serves every contract for download, public and self-contained', async () => {
    const files = [...crawl.files].filter((f) => f.startsWith('contracts/')).sort();
    const services = contracts.map((c) => c.service);
    expect(files).toEqual(
      expect.arrayContaining([
        ...services.flatMap((s) => [`contracts/openapi/${s}.json`, `contracts/openapi/${s}.yaml`]),
        'contracts/proto/bazaar/inventory/v1/inventory.proto',
      ]),
    );
    for (const file of files) {
      const response = await fetch(`${site.baseUrl}${file}`);
      expect({ file, status: response.status }).toEqual({ file, status: 200 });
      const text = await response.text();
      if (file.endsWith('.proto')) {
        expect(text).toContain('service InventoryService');
        continue;
      }
      const doc = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Record<
        string,
        unknown
      >;
      const refs = JSON.stringify(doc).match(/"\$ref":"[^"#][^"]*"/g) ?? [];
      expect({ file, externalRefs: refs }).toEqual({ file, externalRefs: [] });
      if (file.startsWith('contracts/openapi/')) {
        expect(doc.servers).toEqual([expect.objectContaining({ url: GATEWAY })]);
        expect(text).not.toContain('x-internal');
        expect(text).not.toContain('x-kong');
      } else {
        expect(doc.asyncapi).toBe('3.0.0');
      }
    }
  });
});
