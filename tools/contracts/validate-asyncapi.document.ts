/**
 * Bazaar's own rules for one parsed AsyncAPI document: event-type addresses and names, AMQP
 * bindings, ownership of channels, and operations. validate-asyncapi.ts runs them on every
 * document, then checks the documents against each other with the facts returned here.
 */
import type { AsyncAPIDocumentInterface, ChannelInterface } from '@asyncapi/parser';
import { checkMessage, type Report } from './validate-asyncapi.message';
import { type MessageSchemas } from './validate-asyncapi.schema';

export const EVENT_TYPE = /^ecommerce\.[a-z_]+\.[a-z_]+\.[a-z_]+\.v[0-9]+$/;

/** What one document sends and receives, for the checks across documents. */
export type DocumentFacts = {
  service: string;
  file: string;
  sends: Array<{ address: string; path: string; partitionKey: string | undefined }>;
  receives: Array<{ address: string; path: string }>;
};

/**
 * The names an event type gives its channel (`orderCreated`), message (`OrderCreated`) and
 * operations (`sendOrderCreated`, `receiveOrderCreated`): aggregate + event, camel-cased, so that
 * generated code and docs can be found from the routing key alone.
 */
export function eventNames(
  address: string,
): { channelId: string; messageName: string } | undefined {
  if (!EVENT_TYPE.test(address)) return undefined;
  const [, , aggregate = '', event = ''] = address.split('.');
  const words = `${aggregate}_${event}`.split('_').filter((w) => w !== '');
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return { channelId: pascal.charAt(0).toLowerCase() + pascal.slice(1), messageName: pascal };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Channels the raw document $refs from another file: the producer's document owns them. */
function foreignChannels(raw: unknown): Map<string, string> {
  const foreign = new Map<string, string>();
  const channels = isObject(raw) && isObject(raw.channels) ? raw.channels : {};
  for (const [id, channel] of Object.entries(channels)) {
    const ref = isObject(channel) ? channel.$ref : undefined;
    if (typeof ref === 'string' && !ref.startsWith('#')) foreign.set(id, ref);
  }
  return foreign;
}

function checkChannelBinding(channel: ChannelInterface, at: string, report: Report): void {
  const binding = channel.bindings().get('amqp');
  if (!binding) {
    report(`${at}.bindings`, 'channel has no amqp binding (routingKey on exchange bazaar.events)');
    return;
  }
  const value = binding.value() as { is?: unknown; exchange?: Record<string, unknown> };
  const expected: Array<[string, unknown, unknown]> = [
    ['is', value.is, 'routingKey'],
    ['exchange.name', value.exchange?.name, 'bazaar.events'],
    ['exchange.type', value.exchange?.type, 'topic'],
    ['exchange.durable', value.exchange?.durable, true],
    ['exchange.autoDelete', value.exchange?.autoDelete, false],
  ];
  for (const [field, actual, want] of expected) {
    if (actual !== want) {
      report(
        `${at}.bindings.amqp.${field}`,
        `amqp channel binding ${field} must be ${JSON.stringify(want)}, found ${JSON.stringify(actual)}`,
      );
    }
  }
}

export function checkDocument(
  document: AsyncAPIDocumentInterface,
  raw: unknown,
  service: string,
  file: string,
  report: Report,
  schemas: MessageSchemas,
): DocumentFacts {
  const facts: DocumentFacts = { service, file, sends: [], receives: [] };
  const foreign = foreignChannels(raw);
  const rawMessages =
    isObject(raw) && isObject(raw.components) && isObject(raw.components.messages)
      ? raw.components.messages
      : {};
  const sent = new Set<string>();

  for (const operation of document.operations()) {
    const at = `operations.${operation.id()}`;
    const channel = operation.channels().all()[0];
    if (!channel) {
      report(`${at}.channel`, 'operation has no channel');
      continue;
    }
    const address = channel.address() ?? '';
    const action = operation.action();
    const names = eventNames(address);
    if (names && operation.id() !== `${action}${names.messageName}`) {
      report(
        at,
        `operation id must be "${action}${names.messageName}" (from ${action} and ${address})`,
      );
    }
    const binding = (operation.bindings().get('amqp')?.value() ?? {}) as Record<string, unknown>;
    if (action === 'send') {
      const ref = foreign.get(channel.id());
      if (ref !== undefined) {
        report(
          `${at}.channel`,
          `sends ${address}, whose channel this document only $refs (${ref}): only the producer's document sends an event`,
        );
      }
      if (binding.deliveryMode !== 2)
        report(
          `${at}.bindings.amqp.deliveryMode`,
          'send operations publish persistent messages: amqp deliveryMode must be 2',
        );
      if (binding.mandatory !== true)
        report(
          `${at}.bindings.amqp.mandatory`,
          'send operations publish mandatory messages: amqp mandatory must be true',
        );
      const partitionKey = channel
        .messages()
        .all()[0]
        ?.extensions()
        .get('x-bazaar-partition-key')
        ?.value();
      facts.sends.push({
        address,
        path: at,
        partitionKey: typeof partitionKey === 'string' ? partitionKey : undefined,
      });
      sent.add(channel.id());
    } else {
      if (binding.ack !== true)
        report(
          `${at}.bindings.amqp.ack`,
          'receive operations acknowledge after handling: amqp ack must be true',
        );
      facts.receives.push({ address, path: at });
    }
  }

  for (const channel of document.channels()) {
    if (foreign.has(channel.id())) continue; // checked in the producer's document
    const at = `channels.${channel.id()}`;
    const address = channel.address() ?? '';
    const names = eventNames(address);
    if (!names) {
      report(
        `${at}.address`,
        `channel address "${address}" is not an event type ecommerce.<context>.<aggregate>.<event>.v<major>`,
      );
    } else if (channel.id() !== names.channelId) {
      report(at, `channel id must be "${names.channelId}" (from its address ${address})`);
    }
    if (!sent.has(channel.id())) {
      report(
        at,
        `defines ${address} but has no send operation for it: a consumer must $ref the producer's channel instead`,
      );
    }
    checkChannelBinding(channel, at, report);
    const messages = channel.messages().all();
    if (messages.length !== 1)
      report(
        `${at}.messages`,
        `a channel carries exactly one message, its event; found ${messages.length}`,
      );
    for (const message of messages) {
      const where =
        message.id() in rawMessages
          ? `components.messages.${message.id()}`
          : `${at}.messages.${message.id()}`;
      checkMessage(
        message,
        { address, service, messageName: names?.messageName },
        where,
        report,
        schemas,
      );
    }
  }

  if (
    facts.receives.length > 0 &&
    !(document.info().description() ?? '').includes(`bazaar.${service}`)
  ) {
    report(
      'info.description',
      `describe the consumer queue bazaar.${service} (durable quorum queue, retries, dead-letter queue)`,
      'warning',
    );
  }
  return facts;
}
