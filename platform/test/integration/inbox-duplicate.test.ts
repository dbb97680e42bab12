/**
 * Exactly-once effects on top of at-least-once delivery: the same event delivered twice (a
 * duplicate publish) changes the database once, because the inbox row and the handler's writes
 * share one transaction.
 */
import {
  createEventConsumer,
  EventPublisher,
  handleOnce,
  type EventConsumer,
  type EventHandlerContext,
} from '../../src/events';
import {
  createTestBroker,
  createTestDatabase,
  waitFor,
  type TestDatabase,
} from '../../src/testing';
import { collectingLogger } from './support/collecting-logger';
import {
  countEffects,
  createEffectsTable,
  testRegistry,
  WIDGET_CHANGED,
  widgetChanged,
  type WidgetChangedEvent,
} from './support/test-events';

jest.setTimeout(30_000);

const broker = createTestBroker('inbox-duplicate');
let db: TestDatabase;
let consumer: EventConsumer | undefined;
let publisher: EventPublisher | undefined;

beforeAll(async () => {
  db = await createTestDatabase('inbox-duplicate');
  await createEffectsTable(db.pool);
});
afterAll(async () => {
  await consumer?.stop();
  await publisher?.close();
  await broker.cleanup();
  await db.drop();
});

async function recordEffect(event: WidgetChangedEvent, ctx: EventHandlerContext): Promise<void> {
  await ctx.db.query('INSERT INTO effects (event_id, widget_id, seq) VALUES ($1, $2, $3)', [
    event.eventId,
    event.payload.widgetId,
    event.payload.seq,
  ]);
}

describe('inbox', () => {
  it('gives an event published twice a single effect', async () => {
    const log = collectingLogger();
    const connection = await broker.connect('consumer');
    consumer = createEventConsumer({
      connection,
      service: 'inbox',
      exchange: broker.exchange,
      queuePrefix: broker.queuePrefix,
      receives: [WIDGET_CHANGED],
      handlers: { [WIDGET_CHANGED]: recordEffect },
      registry: testRegistry,
      pool: db.pool,
      log,
    });
    await consumer.start();
    publisher = await EventPublisher.create({
      connection: await broker.connect('publisher'),
      exchange: broker.exchange,
    });

    const event = widgetChanged('w-1', 1);
    await publisher.publish(event);
    await publisher.publish(event);

    await waitFor(() => log.messages('debug').includes('duplicate event skipped (inbox)'), {
      description: 'the second delivery to be skipped',
    });
    expect(await countEffects(db.pool)).toEqual({ rows: 1, distinct: 1 });
  });

  it('runs only one of two concurrent handlers for the same event id', async () => {
    const event = widgetChanged('w-2', 1);
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = handleOnce(db.pool, 'concurrent', event, async () => {
      runs++;
      await gate;
    });
    // The second attempt waits on the first one's uncommitted inbox row, then sees it handled.
    const second = handleOnce(db.pool, 'concurrent', event, async () => {
      runs++;
    });
    await waitFor(async () => {
      const waiting = await db.pool.query(
        "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      return waiting.rowCount === 1;
    });
    release();
    expect(await Promise.all([first, second])).toEqual([
      { handled: true, result: undefined },
      { handled: false },
    ]);
    expect(runs).toBe(1);
  });

  it('lets a retry run the handler after the first attempt rolled back', async () => {
    const event = widgetChanged('w-3', 1);
    await expect(
      handleOnce(db.pool, 'rollback', event, async () => {
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    await expect(handleOnce(db.pool, 'rollback', event, async () => 'ran')).resolves.toEqual({
      handled: true,
      result: 'ran',
    });
  });
});
