/**
 * The downloads page (contracts/index.html): every contract file the portal publishes, grouped by
 * kind, with what each is for and its size.
 */
import { html } from './html.template';
import type { Download } from './contracts.downloads';
import { page, type SiteContext } from './site.layout';

const KINDS: { kind: Download['kind']; heading: string; about: string }[] = [
  {
    kind: 'OpenAPI',
    heading: 'OpenAPI 3.1 (REST)',
    about:
      'One document per service, as third parties see it: bundled into one file, internal operations left out, the gateway as the only server.',
  },
  {
    kind: 'AsyncAPI',
    heading: 'AsyncAPI 3.0 (events)',
    about:
      'One document per service: the events it publishes (its channels) and the ones it consumes (its receive operations), each bundled into one self-contained file.',
  },
  {
    kind: 'protobuf',
    heading: 'Protocol Buffers (gRPC)',
    about: 'The .proto files as written, with their comments.',
  },
];

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

export function contractsPage(downloads: Download[], site: SiteContext): string {
  const main = html`<article class="bz-article">
    <h1>Contracts</h1>
    <p class="bz-lead">
      Bazaar's contracts are its source of truth: the services, the gateway configuration, the SDK
      and this site are generated from them. Download them to generate a client, run a mock server
      or import them into an API tool.
    </p>
    ${KINDS.map(
      (k) =>
        html`<section id="${k.kind.toLowerCase()}">
          <h2>${k.heading}</h2>
          <p>${k.about}</p>
          <table class="bz-table">
            <thead>
              <tr>
                <th>File</th>
                <th>Describes</th>
                <th>Size</th>
              </tr>
            </thead>
            <tbody>
              ${downloads
                .filter((d) => d.kind === k.kind)
                .map(
                  (d) =>
                    html`<tr>
                      <td>
                        <a href="../${d.href}" download
                          ><code>${d.href.replace(/^contracts\//, '')}</code></a
                        >
                      </td>
                      <td>${d.title}</td>
                      <td>${size(d.bytes)}</td>
                    </tr>`,
                )}
            </tbody>
          </table>
        </section>`,
    )}
  </article>`;
  return page({
    site,
    title: 'Contracts · Bazaar API docs',
    description: 'Download Bazaar OpenAPI, AsyncAPI and protobuf contracts.',
    root: '../',
    active: 'contracts',
    main,
  });
}
