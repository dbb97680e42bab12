/**
 * The one page shell of the docs portal: head, top navigation and footer shared by the hand-built
 * pages and the Redoc API reference pages. Every link is relative (`root` is the way back to the
 * site's top folder), so the site works under any prefix (`/docs`, a file server, a CDN folder).
 */
import { html, raw, type Markup } from './html.template';

export type NavKey = 'home' | 'start' | 'api' | 'events' | 'grpc' | 'contracts';

export interface ServiceLink {
  service: string;
  title: string;
}

export interface SiteContext {
  services: ServiceLink[];
  /** Where readers call the API, e.g. http://localhost:8000. */
  gatewayUrl: string;
}

export interface PageOptions {
  site: SiteContext;
  title: string;
  /** '' for a page at the top of the site, '../' one folder down. */
  root: '' | '../';
  active: NavKey;
  main: Markup;
  description?: string;
  /** Redoc pages bring their own layout and styles; portal pages get the article styles. */
  kind?: 'portal' | 'redoc';
  headExtra?: Markup;
  /** The service whose reference this is, marked in the REST API menu. */
  currentService?: string;
}

const NAV: { key: NavKey; label: string; href: string }[] = [
  { key: 'start', label: 'Getting started', href: 'getting-started.html' },
  { key: 'events', label: 'Events', href: 'events.html' },
  { key: 'grpc', label: 'gRPC', href: 'grpc.html' },
  { key: 'contracts', label: 'Contracts', href: 'contracts/index.html' },
];

function header(options: PageOptions): Markup {
  const { root, active, site } = options;
  const current = (key: NavKey) => (key === active ? raw(' aria-current="page"') : '');
  const services = site.services.map(
    (s) =>
      html`<li>
        <a
          href="${root}api/${s.service}.html"
          ${s.service === options.currentService ? raw(' aria-current="page"') : ''}
          >${s.title}</a
        >
      </li>`,
  );
  return html`<header class="bz-header">
  <a class="bz-brand" href="${root}index.html"${current('home')}><span class="bz-logo" aria-hidden="true">B</span>Bazaar API docs</a>
  <nav class="bz-nav" aria-label="Documentation">
    <a href="${root}${NAV[0]!.href}"${current('start')}>${NAV[0]!.label}</a>
    <details class="bz-menu">
      <summary${current('api')}>REST API</summary>
      <ul>${services}</ul>
    </details>
    ${NAV.slice(1).map((n) => html`<a href="${root}${n.href}" ${current(n.key)}>${n.label}</a>`)}
  </nav>
  <span class="bz-gateway" title="Every example calls the gateway">${site.gatewayUrl}</span>
</header>`;
}

/** A complete HTML document. */
export function page(options: PageOptions): string {
  const kind = options.kind ?? 'portal';
  const body =
    kind === 'portal'
      ? html`<main class="bz-main" id="main">${options.main}</main>
          <footer class="bz-footer">
            Generated from
            <a href="${options.root}contracts/index.html">Bazaar's contracts</a> (OpenAPI 3.1,
            AsyncAPI 3.0, protobuf): the same files the services, the gateway and the SDK are
            generated from.
          </footer>`
      : options.main;
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title}</title>
        ${options.description && html`<meta name="description" content="${options.description}" />`}
        <link rel="icon" href="${options.root}assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="${options.root}assets/portal.css" />
        ${options.headExtra}
      </head>
      <body class="bz-${kind}">
        ${header(options)} ${body}
      </body>
    </html> `.value;
}
