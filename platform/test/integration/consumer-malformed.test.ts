/**
 * Malformed messages never reach a handler and never crash the consumer: a body that is not JSON,
 * not an envelope, of an unknown type, or against its schema goes straight to the dead-letter
 * queue with the reason, and valid messages after it are still handled.
 */
import { randomUUID } from 'node:crypto';
import type { GetMessage } from 'amqplib';
import {
  createEventConsumer,
  FAILURE_HEADERS,
  type EventConsumer,
  type EventHandlerContext,
} from '../../src/events';
import {
  createTestBroker,
  createTestDatabase,
  waitFor,
  type TestDatabase,
} from '../../src/testing';
import { openRawBroker, type RawBroker } from './support/raw-broker';
import {
  countEffects,
  createEffectsTable,
  testRegistry,
  WIDGET_CHANGED,
  widgetChanged,
  type WidgetChangedEvent,
} from './support/test-events';

jest.setTimeout(30_000);

const broker = createTestBroker('consumer-malformed');
let db: TestDatabase;
let consumer: EventConsumer;
let raw: RawBroker;
let handlerRuns = 0;

beforeAll(async () => {
  db = await createTestDatabase('consumer-malformed');
  await createEffectsTable(db.pool);
  consumer = createEventConsumer({
    connection: await broker.connect('consumer'),
    service: 'malformed',
    exchange: broker.exchange,
    queuePrefix: broker.queuePrefix,
    receives: [WIDGET_CHANGED],
    handlers: {
      [WIDGET_CHANGED]: async (event: WidgetChangedEvent, ctx: EventHandlerContext) => {
        handlerRuns++;
        await ctx.db.query('INSERT INTO effects (event_id, widget_id) VALUES ($1, $2)', [
          event.eventId,
          event.payload.widgetId,
        ]);
      },
    },
    registry: testRegistry,
    pool: db.pool,
    retry: { maxAttempts: 3, delaysMs: [50] },
  });
  await consumer.start();
  raw = await openRawBroker(broker.url);
});
afterAll(async () => {
  await consumer.stop();
  await raw.close();
  await broker.cleanup();
  await db.drop();
});

/** Publishes `body` as if it were a widget event and returns its dead-lettered copy. */
async function deadLettered(body: string): Promise<GetMessage> {
  const messageId = randomUUID();
  await raw.publish(broker.exchange, WIDGET_CHANGED, body, {
    messageId,
    contentType: 'application/json',
  });
  let found: GetMessage | undefined;
  await waitFor(
    async () => {
      found = (await raw.drain(consumer.names.deadLetterQueue)).find(
        (m) => m.properties.messageId === messageId,
      );
      return found;
    },
    { description: 'the message in the DLQ' },
  );
  return found as GetMessage;
}

function envelope(overrides: Record<string, unknown>): string {
  return JSON.stringify({ ...widgetChanged('w', 1), ...overrides });
}

describe('the consumer dead-letters without running a handler', () => {
  it('a body that is not JSON, with reason not-json', async () => {
    const message = await deadLettered('{"eventId": oops');
    expect(message.properties.headers?.[FAILURE_HEADERS.reason]).toBe('not-json');
    expect(message.properties.headers?.[FAILURE_HEADERS.error]).toMatch(/JSON/);
  });

  it('JSON that is not an envelope, with reason not-an-envelope', async () => {
    const message = await deadLettered('[1, 2, 3]');
    expect(message.properties.headers?.[FAILURE_HEADERS.reason]).toBe('not-an-envelope');
  });

  it('an envelope of an unknown event type, with reason unknown-type', async () => {
    const message = await deadLettered(
      envelope({ eventType: 'ecommerce.test.widget.exploded.v1' }),
    );
    expect(message.properties.headers?.[FAILURE_HEADERS.reason]).toBe('unknown-type');
  });

  it('an envelope whose payload breaks its schema, with reason schema and the field at fault', async () => {
    const message = await deadLettered(envelope({ payload: { widgetId: 'w', seq: 'one' } }));
    expect(message.properties.headers).toMatchObject({
      [FAILURE_HEADERS.reason]: 'schema',
      [FAILURE_HEADERS.error]: '/payload/seq must be integer',
      [FAILURE_HEADERS.attempts]: 0,
      [FAILURE_HEADERS.originalRoutingKey]: WIDGET_CHANGED,
    });
  });

  it('and its handler never ran for any of them', () => {
    expect(handlerRuns).toBe(0);
  });
});

describe('after malformed messages', () => {
  it('the consumer still handles a valid event', async () => {
    await raw.publish(broker.exchange, WIDGET_CHANGED, JSON.stringify(widgetChanged('valid', 1)));
    await waitFor(async () => (await countEffects(db.pool)).rows === 1, {
      description: 'one effect',
    });
    expect(handlerRuns).toBe(1);
  });
});
