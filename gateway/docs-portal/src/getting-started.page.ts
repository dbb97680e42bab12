/**
 * The getting-started guide (getting-started.html), written by hand in
 * gateway/docs-portal/content/getting-started.md; its rate-limit table is generated from the
 * contracts' gateway policy so the guide cannot contradict the gateway.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { html, raw, type Markup } from './html.template';
import { markdownWithHeadings } from './markdown.render';
import type { PublicApi, RateLimit } from './openapi.public';
import { page, type SiteContext } from './site.layout';

export const GUIDE_SOURCE = path.join(__dirname, '../content/getting-started.md');
/** The gateway address the guide is written against; replaced when the site is built for another. */
export const GUIDE_GATEWAY = 'http://localhost:8000';
const RATE_LIMITS_MARK = '<!-- rate-limits -->';

function windows(limit: RateLimit): string {
  return Object.entries(limit.windows)
    .map(([window, n]) => `${n} per ${window}`)
    .join(', ');
}

function rateLimitTable(apis: PublicApi[]): Markup {
  const rows = apis.flatMap((api) =>
    api.rateLimits.map((limit) => {
      const op =
        limit.operationId && api.operations.find((o) => o.operationId === limit.operationId);
      const scope = op ? html`<code>${op.method} ${op.path}</code>` : html`every other operation`;
      return html`<tr>
        <td><a href="api/${api.service}.html">${api.service}</a></td>
        <td>${scope}</td>
        <td>${windows(limit)}</td>
        <td>${limit.limitBy === 'consumer' ? 'user (IP when anonymous)' : limit.limitBy}</td>
      </tr>`;
    }),
  );
  return html`<table class="bz-table">
    <thead>
      <tr>
        <th>Service</th>
        <th>Applies to</th>
        <th>Limit</th>
        <th>Counted per</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

/** The guide's markdown, pointed at `gatewayUrl`. */
export function guideMarkdown(gatewayUrl: string): string {
  const source = readFileSync(GUIDE_SOURCE, 'utf8');
  const wsUrl = gatewayUrl.replace(/^http/, 'ws');
  return source
    .split(GUIDE_GATEWAY)
    .join(gatewayUrl)
    .split(GUIDE_GATEWAY.replace(/^http/, 'ws'))
    .join(wsUrl);
}

export function gettingStartedPage(apis: PublicApi[], site: SiteContext): string {
  const { body, headings } = markdownWithHeadings(guideMarkdown(site.gatewayUrl));
  if (!body.value.includes(RATE_LIMITS_MARK))
    throw new Error(`${GUIDE_SOURCE} lost its ${RATE_LIMITS_MARK} marker`);
  const article = raw(body.value.replace(RATE_LIMITS_MARK, rateLimitTable(apis).value));
  const toc = html`<nav class="bz-toc" aria-label="Guide">
    <p class="bz-toc-title">Guide</p>
    <ul>
      ${headings.filter((h) => h.depth === 2).map((h) => html`<li><a href="#${h.id}">${h.text}</a></li>`)}
    </ul>
  </nav>`;
  return page({
    site,
    title: 'Getting started · Bazaar API docs',
    description: 'From a new account to a paid order with curl and the Bazaar SDK.',
    root: '',
    active: 'start',
    main: html`<div class="bz-with-toc">
      ${toc}
      <article class="bz-article bz-guide">${article}</article>
    </div>`,
  });
}
