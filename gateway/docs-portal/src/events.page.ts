/**
 * The event catalogue page (events.html): every event on the `bazaar.events` exchange with its
 * producer, consumers, partition key, envelope, payload schema and example, generated from the
 * AsyncAPI contracts by events.model.ts.
 */
import { anchorId, html, type Markup } from './html.template';
import { inlineMarkdown, markdown } from './markdown.render';
import type { CatalogueEvent, EventCatalogue } from './events.model';
import { schemaTable } from './schema.render';
import { page, type SiteContext } from './site.layout';

const eventAnchor = (eventType: string) => `event-${anchorId(eventType)}`;
const serviceAnchor = (service: string) => `service-${service}`;

function json(value: unknown): Markup {
  return html`<pre><code class="language-json">${JSON.stringify(value, null, 2)}</code></pre>`;
}

function summaryTable(catalogue: EventCatalogue): Markup {
  return html`<table class="bz-table bz-events-table">
    <thead>
      <tr>
        <th>Event (routing key)</th>
        <th>Producer</th>
        <th>Partition key</th>
        <th>Consumers</th>
      </tr>
    </thead>
    <tbody>
      ${catalogue.events.map(
        (e) =>
          html`<tr>
            <td>
              <a href="#${eventAnchor(e.eventType)}"><code>${e.eventType}</code></a>
              <div class="bz-muted">${inlineMarkdown(e.summary)}</div>
            </td>
            <td><a href="#${serviceAnchor(e.producer)}">${e.producer}</a></td>
            <td><code>${e.partitionKey}</code></td>
            <td>
              ${e.consumers.length === 0 ? html`<span class="bz-muted">none</span>` : e.consumers.map((c, i) => html`${i > 0 && ', '}<a href="#${serviceAnchor(c.service)}">${c.service}</a>`)}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function eventSection(e: CatalogueEvent): Markup {
  return html`<section class="bz-event" id="${eventAnchor(e.eventType)}">
    <h2><a class="bz-anchor" href="#${eventAnchor(e.eventType)}">${e.title}</a></h2>
    <p class="bz-lead">${inlineMarkdown(e.summary)}</p>
    <dl class="bz-facts">
      <dt>Routing key</dt>
      <dd><code>${e.eventType}</code> on the topic exchange <code>${e.exchange}</code></dd>
      <dt>Producer</dt>
      <dd>
        <a href="#${serviceAnchor(e.producer)}">${e.producer}</a> (message
        <code>${e.messageName}</code>, <a href="contracts/asyncapi/${e.producer}.yaml">AsyncAPI</a>)
      </dd>
      <dt>Partition key</dt>
      <dd>
        <code>payload.${e.partitionKey}</code>: events with the same key are published in commit
        order
      </dd>
      <dt>Schema version</dt>
      <dd><code>${e.schemaVersion}</code></dd>
    </dl>
    <h3>Consumers</h3>
    ${
      e.consumers.length === 0
        ? html`<p class="bz-muted">No Bazaar service consumes it.</p>`
        : html`<table class="bz-table">
            <thead>
              <tr>
                <th>Service</th>
                <th>Queue</th>
                <th>What it does</th>
              </tr>
            </thead>
            <tbody>
              ${e.consumers.map(
                (c) =>
                  html`<tr>
                    <td><a href="#${serviceAnchor(c.service)}">${c.service}</a></td>
                    <td><code>${c.queue}</code></td>
                    <td>${inlineMarkdown(c.summary)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${
      e.description &&
      html`<h3>Details</h3>
        ${markdown(e.description)}`
    }
    <h3>Payload</h3>
    <p class="bz-muted">The <code>payload</code> field of the <a href="#envelope">envelope</a>.</p>
    ${schemaTable(e.payloadSchema)}
    ${e.examples.map(
      (x) =>
        html`<h3>Example: ${x.name}</h3>
          ${x.summary && html`<p>${inlineMarkdown(x.summary)}</p>`}
          ${
            x.headers !== undefined &&
            html`<p class="bz-muted">AMQP headers</p>
              ${json(x.headers)}`
          }
          <p class="bz-muted">Message body</p>
          ${json(x.payload)}`,
    )}
  </section>`;
}

function servicesSection(catalogue: EventCatalogue): Markup {
  return html`<section id="services">
    <h2><a class="bz-anchor" href="#services">Services</a></h2>
    <p>
      Each consuming service has its own durable quorum queue, bound to
      <code>${catalogue.exchange}</code> with exactly the routing keys it consumes, plus
      delayed-retry queues and a dead-letter queue.
    </p>
    ${catalogue.services.map(
      (s) =>
        html`<div class="bz-service" id="${serviceAnchor(s.service)}">
          <h3>
            <a class="bz-anchor" href="#${serviceAnchor(s.service)}">${s.service}</a>
            <span class="bz-muted">— ${s.title}</span>
          </h3>
          <p>
            <strong>Publishes:</strong>
            ${s.sends.length === 0 ? 'nothing' : s.sends.map((t, i) => html`${i > 0 && ', '}<a href="#${eventAnchor(t)}"><code>${t}</code></a>`)}
          </p>
          <p>
            <strong>Consumes</strong
            >${s.receives.length > 0 && html` (queue <code>bazaar.${s.service}</code>)`}<strong
              >:</strong
            >
            ${s.receives.length === 0 ? 'nothing' : s.receives.map((t, i) => html`${i > 0 && ', '}<a href="#${eventAnchor(t)}"><code>${t}</code></a>`)}
          </p>
          <p>
            <a href="contracts/asyncapi/${s.service}.yaml"
              >Download ${s.service}'s AsyncAPI document</a
            >
          </p>
        </div>`,
    )}
  </section>`;
}

function toc(catalogue: EventCatalogue): Markup {
  return html`<nav class="bz-toc" aria-label="Events">
    <p class="bz-toc-title">On this page</p>
    <ul>
      <li><a href="#overview">Overview</a></li>
      <li><a href="#envelope">Envelope</a></li>
      <li><a href="#services">Services</a></li>
    </ul>
    <p class="bz-toc-title">Events</p>
    <ul>
      ${catalogue.events.map((e) => html`<li><a href="#${eventAnchor(e.eventType)}">${e.eventType.replace(/^ecommerce\./, '')}</a></li>`)}
    </ul>
  </nav>`;
}

export function eventsPage(catalogue: EventCatalogue, site: SiteContext): string {
  const main = html`<div class="bz-with-toc">
    ${toc(catalogue)}
    <article class="bz-article">
      <h1>Event catalogue</h1>
      <section id="overview">
        <p class="bz-lead">
          Bazaar's services tell each other what happened through ${catalogue.events.length} event
          types on the RabbitMQ topic exchange <code>${catalogue.exchange}</code> (durable). The
          routing key is the event type, named
          <code>ecommerce.&lt;context&gt;.&lt;aggregate&gt;.&lt;event&gt;.v&lt;major&gt;</code>.
        </p>
        <p>
          Producers write each event in the same database transaction as the change it reports
          (transactional outbox) and a relay publishes it with publisher confirms, so nothing is
          lost. Delivery is at least once: consumers record each <code>eventId</code> and ignore a
          redelivery. Payloads may gain optional fields at any time; anything else is a new major
          version published beside the old one.
        </p>
        ${summaryTable(catalogue)}
      </section>
      <section id="envelope">
        <h2><a class="bz-anchor" href="#envelope">Envelope</a></h2>
        <p>
          Every event is one JSON object with exactly these fields; each event below defines its
          <code>payload</code>. AMQP properties: <code>messageId</code> = <code>eventId</code>,
          <code>type</code> = <code>eventType</code>, <code>contentType</code> =
          <code>application/json</code>, persistent (delivery mode 2).
        </p>
        ${schemaTable(catalogue.envelope)}
        <h3>AMQP headers</h3>
        ${schemaTable(catalogue.headers)}
      </section>
      ${servicesSection(catalogue)} ${catalogue.events.map(eventSection)}
    </article>
  </div>`;
  return page({
    site,
    title: 'Event catalogue · Bazaar API docs',
    description: `The ${catalogue.events.length} events Bazaar publishes on RabbitMQ, with schemas and examples.`,
    root: '',
    active: 'events',
    main,
  });
}
