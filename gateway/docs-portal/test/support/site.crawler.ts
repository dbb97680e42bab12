/**
 * Opens every page of a served site in one browser tab, starting at its index and following its
 * links, and records per page what a reader would see (text, Redoc menu once hydrated) and what
 * went wrong (console errors, uncaught exceptions, failed or off-site requests).
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface VisitedPage {
  /** Path under the site, e.g. api/cart.html or index.html. */
  path: string;
  title: string;
  /** Visible text of the page. */
  text: string;
  /** Redoc pages: labels of the sidebar menu with every tag group expanded. */
  redocMenu?: string[];
  ids: string[];
}

export interface CrawlResult {
  pages: Map<string, VisitedPage>;
  /** Same-origin links under the site that are not pages (downloads, assets). */
  files: Set<string>;
  /** "page: problem" lines: console errors, page errors, failed/off-site requests, bad links. */
  problems: string[];
  /** Every URL requested by any page. */
  requests: string[];
}

const isPage = (pathname: string) => pathname.endsWith('/') || pathname.endsWith('.html');

async function redocMenu(
  page: Page,
  problem: (what: string) => void,
): Promise<string[] | undefined> {
  if ((await page.locator('#redoc').count()) === 0) return undefined;
  // Hydration has started once React owns the container; the tag groups expand only client-side.
  try {
    await page.waitForFunction(
      "Object.keys(document.getElementById('redoc') ?? {}).some((k) => k.startsWith('__reactContainer'))",
      undefined,
      { timeout: 15_000 },
    );
  } catch {
    problem('Redoc did not hydrate within 15 s (its script did not run)');
    return [];
  }
  // A click toggles a group (one may start expanded): labels are collected before and after each.
  const labels = new Set<string>();
  const collect = async () => {
    for (const label of await page.locator('[data-testid="menu-item-label"]').allInnerTexts())
      labels.add(label.split('\n')[0]!.trim());
  };
  await collect();
  const groups = page.locator('[data-component-name="Menu/MenuItem"].menu-item-type-group > a');
  for (let i = 0; i < (await groups.count()); i++) {
    await groups.nth(i).click();
    await collect();
  }
  return [...labels];
}

export async function crawlSite(context: BrowserContext, baseUrl: string): Promise<CrawlResult> {
  const { origin, pathname: prefix } = new URL(baseUrl);
  const result: CrawlResult = { pages: new Map(), files: new Set(), problems: [], requests: [] };
  let current = '';
  const problem = (what: string) => result.problems.push(`${current}: ${what}`);
  // Nothing may leave the local server: record and refuse anything else.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || /^(data|blob):/.test(url)) return route.continue();
    problem(`requested ${url} (off-site)`);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') problem(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problem(`uncaught: ${e.message}`));
  page.on('request', (r) => void result.requests.push(r.url()));
  page.on('requestfailed', (r) =>
    problem(`request failed: ${r.url()} (${r.failure()?.errorText})`),
  );
  page.on('response', (r) => {
    if (r.status() >= 400) problem(`HTTP ${r.status()} for ${r.url()}`);
  });
  // The site's folder URL first (as readers arrive at /docs/), recorded as its index.html.
  const queue: { key: string; url: string }[] = [{ key: 'index.html', url: baseUrl }];
  const seen = new Set(['index.html']);
  for (let item = queue.shift(); item; item = queue.shift()) {
    const next = item.key;
    current = next;
    await page.goto(item.url, { waitUntil: 'load' });
    const menu = await redocMenu(page, problem);
    const links = await page.$$eval('a[href]', (as) =>
      as.map((a) => (a as unknown as { href: string }).href),
    );
    result.pages.set(next, {
      path: next,
      title: await page.title(),
      text: await page.locator('body').innerText(),
      redocMenu: menu,
      ids: await page.$$eval('[id]', (els) => els.map((e) => e.id)),
    });
    for (const link of links) {
      const url = new URL(link);
      if (url.origin !== origin || !/^https?:$/.test(url.protocol)) continue;
      if (!url.pathname.startsWith(prefix)) {
        problem(`link ${link} leaves ${prefix}`);
        continue;
      }
      const relative = url.pathname.slice(prefix.length);
      const key = relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
      if (!isPage(url.pathname)) result.files.add(relative);
      else if (!seen.has(key)) {
        seen.add(key);
        queue.push({ key, url: `${origin}${url.pathname}` });
      }
    }
  }
  return result;
}
