/**
 * Failure handling of the consumer: a handler that always throws runs exactly maxAttempts times
 * through the delayed-retry queues, then its message sits in the dead-letter queue with the reason;
 * a handler that recovers on a retry has one effect; other messages keep flowing meanwhile.
 */
import type { GetMessage } from 'amqplib';
import {
  createEventConsumer,
  EventPublisher,
  FAILURE_HEADERS,
  type EventConsumer,
  type EventHandlerContext,
} from '../../src/events';
import {
  createTestBroker,
  createTestDatabase,
  waitFor,
  waitForStable,
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

const broker = createTestBroker('consumer-retry-dlq');
let db: TestDatabase;
let consumer: EventConsumer;
let publisher: EventPublisher;
let raw: RawBroker;
const attempts = new Map<string, number[]>();
const dead: GetMessage[] = [];

/** Fails every time for widget "poison", twice for "flaky", never for others. */
async function handler(event: WidgetChangedEvent, ctx: EventHandlerContext): Promise<void> {
  const { widgetId } = event.payload;
  attempts.set(widgetId, [...(attempts.get(widgetId) ?? []), ctx.attempt]);
  if (widgetId === 'poison') throw new Error('poison widget\nsecond line is not kept');
  if (widgetId === 'flaky' && ctx.attempt < 3) throw new Error('not yet');
  await ctx.db.query('INSERT INTO effects (event_id, widget_id, seq) VALUES ($1, $2, $3)', [
    event.eventId,
    widgetId,
    event.payload.seq,
  ]);
}

beforeAll(async () => {
  db = await createTestDatabase('consumer-retry-dlq');
  await createEffectsTable(db.pool);
  consumer = createEventConsumer({
    connection: await broker.connect('consumer'),
    service: 'retry',
    exchange: broker.exchange,
    queuePrefix: broker.queuePrefix,
    receives: [WIDGET_CHANGED],
    handlers: { [WIDGET_CHANGED]: handler },
    registry: testRegistry,
    pool: db.pool,
    retry: { maxAttempts: 4, delaysMs: [50, 100, 150] },
  });
  await consumer.start();
  publisher = await EventPublisher.create({
    connection: await broker.connect('publisher'),
    exchange: broker.exchange,
  });
  raw = await openRawBroker(broker.url);
});
afterAll(async () => {
  await consumer.stop();
  await publisher.close();
  await raw.close();
  await broker.cleanup();
  await db.drop();
});

async function deadLetters(count: number): Promise<GetMessage[]> {
  await waitFor(
    async () => {
      dead.push(...(await raw.drain(consumer.names.deadLetterQueue)));
      return dead.length >= count;
    },
    { description: `${count} message(s) in the DLQ` },
  );
  return dead;
}

describe('a handler that always throws', () => {
  const poison = widgetChanged('poison', 1);

  beforeAll(async () => {
    await publisher.publish(poison);
    await deadLetters(1);
  });

  it('runs exactly maxAttempts times, then stops', async () => {
    await waitForStable(async () => attempts.get('poison')?.length, { stableMs: 400 });
    expect(attempts.get('poison')).toEqual([1, 2, 3, 4]);
  });

  it('leaves the message in the dead-letter queue with the failure reason', () => {
    const message = dead.find((m) => m.properties.messageId === poison.eventId);
    expect(message?.properties.headers).toMatchObject({
      [FAILURE_HEADERS.reason]: 'handler-failed',
      [FAILURE_HEADERS.attempts]: 4,
      [FAILURE_HEADERS.originalRoutingKey]: WIDGET_CHANGED,
      [FAILURE_HEADERS.originalExchange]: broker.exchange,
      [FAILURE_HEADERS.error]: 'poison widget',
      [FAILURE_HEADERS.consumer]: 'retry',
    });
    expect(message?.properties.headers?.[FAILURE_HEADERS.errorStack]).toMatch(/^at /);
  });

  it('keeps the original message: same body, id, type and trace header', () => {
    const message = dead.find((m) => m.properties.messageId === poison.eventId);
    expect(JSON.parse(message?.content.toString() ?? '{}')).toEqual(poison);
    expect(message?.properties.type).toBe(WIDGET_CHANGED);
    expect(message?.properties.headers?.['traceparent']).toMatch(
      new RegExp(`^00-${poison.traceId}-`),
    );
  });
});

describe('while a message is being retried', () => {
  it('other messages keep flowing and are handled once each', async () => {
    const stuck = widgetChanged('poison', 2);
    await publisher.publish(stuck);
    await waitFor(() => attempts.get('poison')?.length === 5, { description: 'the first failure' });
    for (let seq = 1; seq <= 20; seq++) await publisher.publish(widgetChanged(`good-${seq}`, seq));
    await waitFor(async () => (await countEffects(db.pool)).rows === 20, {
      description: '20 effects',
    });
    expect(await countEffects(db.pool)).toEqual({ rows: 20, distinct: 20 });
    await deadLetters(2);
  });
});

describe('a handler that fails twice and then succeeds', () => {
  it('has one effect and never reaches the dead-letter queue', async () => {
    await publisher.publish(widgetChanged('flaky', 1));
    await waitFor(async () => {
      const r = await db.pool.query(
        "SELECT count(*)::int AS n FROM effects WHERE widget_id = 'flaky'",
      );
      return r.rows[0].n === 1;
    });
    expect(attempts.get('flaky')).toEqual([1, 2, 3]);
    expect(await raw.messageCount(consumer.names.deadLetterQueue)).toBe(0);
  });
});
