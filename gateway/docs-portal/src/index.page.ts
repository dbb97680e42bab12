/**
 * The portal's home page (index.html): where to start, the REST API reference of every service,
 * the event catalogue, the gRPC reference and the contract downloads, with counts taken from the
 * contracts themselves.
 */
import { html } from './html.template';
import type { EventCatalogue } from './events.model';
import type { ProtoFile } from './grpc.model';
import { inlineMarkdown } from './markdown.render';
import type { PublicApi } from './openapi.public';
import { page, type SiteContext } from './site.layout';

export function indexPage(
  apis: PublicApi[],
  catalogue: EventCatalogue,
  protoFiles: ProtoFile[],
  site: SiteContext,
): string {
  const operationCount = apis.reduce((n, a) => n + a.operations.length, 0);
  const rpcs = protoFiles.flatMap((f) => f.services.flatMap((s) => s.rpcs.map((r) => r.name)));
  const main = html`<article class="bz-article bz-home">
    <h1>Bazaar developer documentation</h1>
    <p class="bz-lead">
      Bazaar is a contract-first e-commerce platform. Everything on this site is generated from the
      same contracts the services, the gateway and the SDK are generated from, so it describes
      exactly what runs. Call the API through the gateway at <code>${site.gatewayUrl}</code>.
    </p>
    <div class="bz-cards">
      <a class="bz-card" href="getting-started.html"
        ><h2>Getting started</h2>
        <p>
          Register, sign in, browse products, fill a cart, place and pay an order: with curl and
          with the TypeScript SDK. Errors, idempotency, webhooks and realtime.
        </p></a
      >
      <a class="bz-card" href="#rest-api"
        ><h2>REST API reference</h2>
        <p>
          ${apis.length} services, ${operationCount} public operations under <code>/api/v1</code>,
          <code>/ws</code> and <code>/sse</code>.
        </p></a
      >
      <a class="bz-card" href="events.html"
        ><h2>Event catalogue</h2>
        <p>
          ${catalogue.events.length} event types on the <code>${catalogue.exchange}</code> exchange:
          producers, consumers, schemas and examples.
        </p></a
      >
      <a class="bz-card" href="grpc.html"
        ><h2>gRPC reference</h2>
        <p>${rpcs.length} internal rpcs: ${rpcs.join(', ')}.</p></a
      >
    </div>
    <section id="rest-api">
      <h2>REST API reference</h2>
      <table class="bz-table">
        <thead>
          <tr>
            <th>Service</th>
            <th>What it does</th>
            <th>Operations</th>
            <th>Contract</th>
          </tr>
        </thead>
        <tbody>
          ${apis.map(
            (a) =>
              html`<tr>
                <td><a href="api/${a.service}.html">${a.title}</a></td>
                <td>${inlineMarkdown(a.summary)}</td>
                <td>${a.operations.length}</td>
                <td>
                  <a href="contracts/openapi/${a.service}.yaml">YAML</a> ·
                  <a href="contracts/openapi/${a.service}.json">JSON</a>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>
    <section id="downloads">
      <h2>Contracts</h2>
      <p>
        The machine-readable contracts, for code generators, mock servers and API clients:
        <a href="contracts/index.html">every OpenAPI, AsyncAPI and protobuf file</a>. The typed
        TypeScript client is <code>@bazaar/sdk</code>.
      </p>
    </section>
  </article>`;
  return page({
    site,
    title: 'Bazaar API docs',
    description: 'Bazaar developer documentation: REST API, events, gRPC and getting started.',
    root: '',
    active: 'home',
    main,
  });
}
