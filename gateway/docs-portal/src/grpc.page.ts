/**
 * The gRPC reference page (grpc.html): services and their rpcs, messages with their fields, and
 * enums with their values, each with the comment the .proto file carries (grpc.model.ts).
 */
import { anchorId, html, type Markup } from './html.template';
import { markdown } from './markdown.render';
import type {
  ProtoEnum,
  ProtoField,
  ProtoFile,
  ProtoMessage,
  ProtoRpc,
  ProtoService,
} from './grpc.model';
import { page, type SiteContext } from './site.layout';

const typeAnchor = (fullName: string) => `type-${anchorId(fullName)}`;
const rpcAnchor = (service: string, rpc: string) => `rpc-${anchorId(`${service}.${rpc}`)}`;

function typeLink(fullName: string, local: boolean, label = fullName.split('.').pop()!): Markup {
  return local
    ? html`<a href="#${typeAnchor(fullName)}"><code>${label}</code></a>`
    : html`<code>${fullName}</code>`;
}

function fieldType(field: ProtoField): Markup {
  const base = field.localType
    ? typeLink(field.localType, true, field.type)
    : html`<code>${field.type}</code>`;
  if (field.label === 'map')
    return html`<code>map&lt;${field.keyType}, </code>${base}<code>&gt;</code>`;
  return html`${field.label && html`<span class="bz-label">${field.label}</span> `}${base}`;
}

function rpcSection(service: ProtoService, rpc: ProtoRpc, locals: Set<string>): Markup {
  const stream = (s: boolean) => (s ? 'stream ' : '');
  return html`<section class="bz-rpc" id="${rpcAnchor(service.name, rpc.name)}">
    <h3><a class="bz-anchor" href="#${rpcAnchor(service.name, rpc.name)}">${rpc.name}</a></h3>
    <p class="bz-signature">
      <code>rpc ${rpc.name}(${stream(rpc.requestStream)}</code
      >${typeLink(rpc.requestType, locals.has(rpc.requestType))}<code
        >) returns (${stream(rpc.responseStream)}</code
      >${typeLink(rpc.responseType, locals.has(rpc.responseType))}<code>)</code>${rpc.idempotency && html` <span class="bz-badge" title="idempotency_level">${rpc.idempotency}</span>`}
    </p>
    <p class="bz-muted">Full method name: <code>/${service.fullName}/${rpc.name}</code></p>
    ${markdown(rpc.comment)}
  </section>`;
}

function messageSection(message: ProtoMessage): Markup {
  return html`<section class="bz-message" id="${typeAnchor(message.fullName)}">
    <h3>
      <a class="bz-anchor" href="#${typeAnchor(message.fullName)}">${message.name}</a>
      <span class="bz-kind">message</span>
    </h3>
    ${markdown(message.comment)}
    ${
      message.fields.length === 0
        ? html`<p class="bz-muted">No fields.</p>`
        : html`<table class="bz-table bz-fields">
            <thead>
              <tr>
                <th>#</th>
                <th>Field</th>
                <th>Type</th>
                <th>Description</th>
              </tr>
            </thead>
            <tbody>
              ${message.fields.map(
                (f) =>
                  html`<tr>
                    <td>${f.number}</td>
                    <td>
                      <code>${f.name}</code
                      >${f.oneof && html` <span class="bz-label">oneof ${f.oneof}</span>`}
                    </td>
                    <td>${fieldType(f)}</td>
                    <td>${markdown(f.comment)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

function enumSection(e: ProtoEnum): Markup {
  return html`<section class="bz-enum" id="${typeAnchor(e.fullName)}">
    <h3>
      <a class="bz-anchor" href="#${typeAnchor(e.fullName)}">${e.name}</a>
      <span class="bz-kind">enum</span>
    </h3>
    ${markdown(e.comment)}
    <table class="bz-table bz-fields">
      <thead>
        <tr>
          <th>#</th>
          <th>Value</th>
          <th>Description</th>
        </tr>
      </thead>
      <tbody>
        ${e.values.map(
          (v) =>
            html`<tr>
              <td>${v.number}</td>
              <td><code>${v.name}</code></td>
              <td>${markdown(v.comment)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function fileSection(file: ProtoFile): Markup {
  const locals = new Set([...file.messages, ...file.enums].map((t) => t.fullName));
  return html`<section class="bz-proto-file" id="${`file-${anchorId(file.path)}`}">
    <h2>Package <code>${file.package}</code></h2>
    <p class="bz-muted">
      From <a href="contracts/proto/${file.path}"><code>${file.path}</code></a> (download the .proto
      to generate a client in any language).
    </p>
    ${file.header && markdown(file.header)}
    ${file.services.map(
      (s) =>
        html`<section class="bz-service-proto" id="${typeAnchor(s.fullName)}">
          <h2>
            <a class="bz-anchor" href="#${typeAnchor(s.fullName)}">${s.name}</a>
            <span class="bz-kind">service</span>
          </h2>
          ${markdown(s.comment)}
          <table class="bz-table">
            <thead>
              <tr>
                <th>RPC</th>
                <th>Request</th>
                <th>Response</th>
              </tr>
            </thead>
            <tbody>
              ${s.rpcs.map(
                (r) =>
                  html`<tr>
                    <td>
                      <a href="#${rpcAnchor(s.name, r.name)}"><code>${r.name}</code></a>
                    </td>
                    <td>${typeLink(r.requestType, locals.has(r.requestType))}</td>
                    <td>${typeLink(r.responseType, locals.has(r.responseType))}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${s.rpcs.map((r) => rpcSection(s, r, locals))}
        </section>`,
    )}
    <h2>Messages</h2>
    ${file.messages.map(messageSection)}
    <h2>Enums</h2>
    ${file.enums.map(enumSection)}
  </section>`;
}

function toc(files: ProtoFile[]): Markup {
  return html`<nav class="bz-toc" aria-label="gRPC">
    ${files.map(
      (f) =>
        html`<p class="bz-toc-title">${f.package}</p>
          <ul>
            ${f.services.map(
              (s) =>
                html`<li>
                  <a href="#${typeAnchor(s.fullName)}">${s.name}</a>
                  <ul>
                    ${s.rpcs.map((r) => html`<li><a href="#${rpcAnchor(s.name, r.name)}">${r.name}</a></li>`)}
                  </ul>
                </li>`,
            )}
          </ul>
          <p class="bz-toc-title">Types</p>
          <ul>
            ${[...f.messages, ...f.enums].map((t) => html`<li><a href="#${typeAnchor(t.fullName)}">${t.name}</a></li>`)}
          </ul>`,
    )}
  </nav>`;
}

export function grpcPage(files: ProtoFile[], site: SiteContext): string {
  const rpcCount = files.flatMap((f) => f.services.flatMap((s) => s.rpcs)).length;
  const main = html`<div class="bz-with-toc">
    ${toc(files)}
    <article class="bz-article">
      <h1>gRPC reference</h1>
      <p class="bz-lead">
        Bazaar's internal gRPC contracts: ${rpcCount} rpcs that services call on each other directly
        (not through the gateway). They are documented here so that teams building a service can see
        what exists; third-party clients use the <a href="index.html#rest-api">REST API</a>.
      </p>
      ${files.map(fileSection)}
    </article>
  </div>`;
  return page({
    site,
    title: 'gRPC reference · Bazaar API docs',
    description: 'Bazaar gRPC services, rpcs, messages and enums, from the .proto contracts.',
    root: '',
    active: 'grpc',
    main,
  });
}
