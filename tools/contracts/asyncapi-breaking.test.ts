import path from 'node:path';
import { diffAsyncApi } from './asyncapi-breaking';
import { type LoadedDocument, loadAsyncApiDir } from './contract-load';
import { type JsonObject, formatBreaking } from './contract-types';
import { at } from './fixtures/sample-openapi';

const CREATED = 'ecommerce.order.order.created.v1';
const PAID = 'ecommerce.order.order.paid.v1';

function message(eventType: string): JsonObject {
  const envelope = {
    type: 'object',
    required: ['eventId', 'eventType', 'payload'],
    properties: {
      eventId: { type: 'string', format: 'uuid' },
      eventType: { type: 'string' },
      payload: { type: 'object' },
    },
  };
  const payload = {
    type: 'object',
    required: ['orderId', 'status', 'total'],
    properties: {
      orderId: { type: 'string', format: 'uuid' },
      status: { type: 'string', enum: ['PENDING', 'PAID'] },
      total: { type: 'integer', minimum: 0 },
      note: { type: 'string' },
    },
  };
  return {
    name: 'OrderEvent',
    contentType: 'application/json',
    headers: {
      type: 'object',
      required: ['traceparent'],
      properties: { traceparent: { type: 'string' } },
    },
    payload: { allOf: [envelope, { properties: { eventType: { const: eventType }, payload } }] },
  };
}

/** The orders producer document, dereferenced: operations share the channel and message objects. */
function producer(): LoadedDocument {
  const created = { address: CREATED, messages: { OrderCreated: message(CREATED) } };
  const paid = { address: PAID, messages: { OrderPaid: message(PAID) } };
  const doc = {
    asyncapi: '3.0.0',
    defaultContentType: 'application/json',
    channels: { orderCreated: created, orderPaid: paid },
    operations: {
      sendOrderCreated: {
        action: 'send',
        channel: created,
        messages: [created.messages.OrderCreated],
      },
      sendOrderPaid: { action: 'send', channel: paid, messages: [paid.messages.OrderPaid] },
    },
  };
  return structuredClone({
    name: 'orders',
    file: 'orders.yaml',
    doc,
    raw: { channels: { orderCreated: {}, orderPaid: {} } },
  });
}

/** A consumer document whose channel is a `$ref` to the producer's (so its messages are the producer's). */
function consumer(): LoadedDocument {
  const created = at(producer().doc, 'channels', 'orderCreated');
  const doc = {
    asyncapi: '3.0.0',
    channels: { orderCreated: created },
    operations: {
      receiveOrderCreated: {
        action: 'receive',
        channel: created,
        messages: [at(created, 'messages', 'OrderCreated')],
      },
    },
  };
  const raw = { channels: { orderCreated: { $ref: './orders.yaml#/channels/orderCreated' } } };
  return { name: 'notification', file: 'notification.yaml', doc, raw };
}

const PAYLOAD = [
  'channels',
  'orderCreated',
  'messages',
  'OrderCreated',
  'payload',
  'allOf',
  '1',
  'properties',
  'payload',
];

function breaking(make: () => LoadedDocument, change: (doc: JsonObject) => void): string[] {
  const next = make();
  change(next.doc);
  return diffAsyncApi(next.name, make(), next).map(formatBreaking);
}

describe('AsyncAPI breaking changes', () => {
  test('a document compared with itself has no breaking change', () => {
    expect(breaking(producer, () => {})).toEqual([]);
    expect(breaking(consumer, () => {})).toEqual([]);
  });

  test('a removed channel breaks (and so does its send operation)', () => {
    const found = breaking(producer, (doc) => {
      delete at(doc, 'channels').orderPaid;
      delete at(doc, 'operations').sendOrderPaid;
    });
    expect(found).toEqual([
      `orders channel ${PAID} #/channels/orderPaid: channel removed`,
      `orders operation send ${PAID} #/operations/sendOrderPaid: send operation removed`,
    ]);
  });

  test('a removed send operation breaks', () => {
    expect(breaking(producer, (doc) => delete at(doc, 'operations').sendOrderCreated)).toEqual([
      `orders operation send ${CREATED} #/operations/sendOrderCreated: send operation removed`,
    ]);
  });

  test('a removed receive operation breaks', () => {
    expect(breaking(consumer, (doc) => delete at(doc, 'operations').receiveOrderCreated)).toEqual([
      `notification operation receive ${CREATED} #/operations/receiveOrderCreated: receive operation removed`,
    ]);
  });

  test('a removed message breaks', () => {
    const found = breaking(producer, (doc) => {
      const channel = at(doc, 'channels', 'orderCreated');
      channel.messages = { OrderPlaced: at(channel, 'messages', 'OrderCreated') };
    });
    expect(found).toEqual([
      `orders channel ${CREATED} #/channels/orderCreated/messages/OrderCreated: message 'OrderCreated' removed`,
      `orders operation send ${CREATED} #/operations/sendOrderCreated/messages: message 'OrderCreated' no longer part of the operation`,
    ]);
  });

  test('a removed payload field breaks', () => {
    const found = breaking(producer, (doc) => {
      delete at(doc, ...PAYLOAD, 'properties').note;
    });
    expect(found).toEqual([
      `orders channel ${CREATED} #/channels/orderCreated/messages/OrderCreated/payload/properties/payload/properties/note: property 'note' removed`,
    ]);
  });

  test('a payload field that became optional breaks', () => {
    expect(
      breaking(producer, (doc) => (at(doc, ...PAYLOAD).required = ['orderId', 'status'])),
    ).toEqual([
      expect.stringMatching(
        /\/payload\/properties\/payload\/properties\/total: property 'total' became optional$/,
      ),
    ]);
  });

  test('a changed payload field type breaks', () => {
    expect(
      breaking(producer, (doc) => (at(doc, ...PAYLOAD, 'properties', 'total').type = 'string')),
    ).toEqual([expect.stringMatching(/\/properties\/total: type changed from integer to string$/)]);
  });

  test('a removed enum value breaks', () => {
    expect(
      breaking(producer, (doc) => (at(doc, ...PAYLOAD, 'properties', 'status').enum = ['PENDING'])),
    ).toEqual([expect.stringMatching(/\/properties\/status: enum value "PAID" removed$/)]);
  });

  test('a changed eventType const breaks', () => {
    const eventType = [
      'channels',
      'orderCreated',
      'messages',
      'OrderCreated',
      'payload',
      'allOf',
      '1',
      'properties',
      'eventType',
    ];
    expect(
      breaking(
        producer,
        (doc) => (at(doc, ...eventType).const = 'ecommerce.order.order.placed.v1'),
      ),
    ).toEqual([
      `orders channel ${CREATED} #/channels/orderCreated/messages/OrderCreated/payload/properties/eventType: const changed from "${CREATED}" to "ecommerce.order.order.placed.v1"`,
    ]);
  });

  test('a removed message header breaks', () => {
    const headers = ['channels', 'orderCreated', 'messages', 'OrderCreated', 'headers'];
    const found = breaking(producer, (doc) => {
      at(doc, ...headers).properties = {};
      at(doc, ...headers).required = [];
    });
    expect(found).toEqual([
      expect.stringMatching(
        /messages\/OrderCreated\/headers\/properties\/traceparent: property 'traceparent' removed$/,
      ),
    ]);
  });

  const additive: [string, (doc: JsonObject) => void][] = [
    [
      'a new channel with its send operation',
      (doc) => {
        const channel = {
          address: 'ecommerce.order.order.shipped.v1',
          messages: { OrderShipped: message('x') },
        };
        at(doc, 'channels').orderShipped = channel;
        at(doc, 'operations').sendOrderShipped = { action: 'send', channel };
      },
    ],
    [
      'a new optional event field',
      (doc) => (at(doc, ...PAYLOAD, 'properties').coupon = { type: 'string' }),
    ],
    [
      'a new required event field',
      (doc) => {
        at(doc, ...PAYLOAD, 'properties').coupon = { type: 'string' };
        (at(doc, ...PAYLOAD).required as string[]).push('coupon');
      },
    ],
  ];
  test.each(additive)('%s is not breaking', (_name, change) => {
    expect(breaking(producer, change)).toEqual([]);
  });

  test("a consumer's document does not repeat what changed in the producer's channel", () => {
    expect(breaking(consumer, (doc) => delete at(doc, ...PAYLOAD, 'properties').note)).toEqual([]);
  });

  test('refs across files resolve channels to their addresses and payloads through the shared envelope', async () => {
    const fixtures = path.join(__dirname, 'fixtures', 'asyncapi');
    const [v1, v2] = await Promise.all([
      loadAsyncApiDir(path.join(fixtures, 'v1')),
      loadAsyncApiDir(path.join(fixtures, 'v2')),
    ]);
    expect([...v1.errors, ...v2.errors]).toEqual([]);
    const found = v1.docs.flatMap((old) =>
      diffAsyncApi(
        old.name,
        old,
        v2.docs.find((d) => d.name === old.name),
      ).map(formatBreaking),
    );
    expect(found).toEqual([
      'billing operation receive ecommerce.shop.order.placed.v1 #/operations/onOrderPlaced: receive operation removed',
      'shop channel ecommerce.shop.order.placed.v1 #/channels/orderPlaced/messages/OrderPlaced/payload/properties/eventId: format "uuid" removed',
      "shop channel ecommerce.shop.order.placed.v1 #/channels/orderPlaced/messages/OrderPlaced/payload/properties/payload/properties/total: property 'total' removed",
    ]);
  });
});
