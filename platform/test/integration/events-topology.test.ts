/**
 * The topology a consumer declares on a real RabbitMQ: its quorum queue receives exactly the
 * routing keys of its `receive` list, bindings the contract dropped are reported (and unbound
 * only when asked), and the consumer re-declares and resumes after its queue is deleted.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  createEventConsumer,
  EventPublisher,
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
import { openRawBroker, type RawBroker } from './support/raw-broker';
import {
  testRegistry,
  WIDGET_AUDITED,
  WIDGET_CHANGED,
  WIDGET_REMOVED,
  widgetChanged,
  widgetRemoved,
  type WidgetChangedEvent,
  type WidgetRemovedEvent,
} from './support/test-events';

jest.setTimeout(30_000);

/** Queue name → type, from `rabbitmqctl list_queues name type` (AMQP cannot tell). */
async function queueTypes(): Promise<Map<string, string>> {
  const { stdout } = await promisify(execFile)('rabbitmqctl', [
    '-q',
    'list_queues',
    'name',
    'type',
  ]);
  return new Map(stdout.split('\n').map((line) => line.split('\t') as [string, string]));
}

const broker = createTestBroker('events-topology');
let db: TestDatabase;
let publisher: EventPublisher;
let raw: RawBroker;
const handled: string[] = [];
const consumers: EventConsumer[] = [];

const record = async (
  event: WidgetChangedEvent | WidgetRemovedEvent,
  _ctx: EventHandlerContext,
) => {
  handled.push(event.eventType);
};

async function startConsumer(receives: string[], options: { prune?: boolean } = {}) {
  const log = collectingLogger();
  const handlers = Object.fromEntries(receives.map((key) => [key, record]));
  const consumer = createEventConsumer({
    connection: await broker.connect(`consumer-${consumers.length}`),
    service: 'topology',
    exchange: broker.exchange,
    queuePrefix: broker.queuePrefix,
    receives,
    handlers,
    registry: testRegistry,
    pool: db.pool,
    retry: { maxAttempts: 2, delaysMs: [100] },
    pruneStaleBindings: options.prune,
    log,
  });
  await consumer.start();
  consumers.push(consumer);
  return { consumer, log };
}

beforeAll(async () => {
  db = await createTestDatabase('events-topology');
  publisher = await EventPublisher.create({
    connection: await broker.connect('publisher'),
    exchange: broker.exchange,
  });
  raw = await openRawBroker(broker.url);
});
afterAll(async () => {
  for (const consumer of consumers) await consumer.stop();
  await publisher.close();
  await raw.close();
  await broker.cleanup();
  await db.drop();
});

describe('consumer topology', () => {
  it('declares a quorum queue, its retry queue and its dead-letter queue', async () => {
    const { consumer } = await startConsumer([WIDGET_CHANGED, WIDGET_REMOVED]);
    await consumer.stop();
    consumers.pop();
    for (const queue of [
      consumer.names.queue,
      consumer.names.retryQueue(100),
      consumer.names.deadLetterQueue,
    ]) {
      await expect(raw.channel.checkQueue(queue)).resolves.toMatchObject({ queue });
    }
    const types = await queueTypes();
    expect(
      [consumer.names.queue, consumer.names.retryQueue(100), consumer.names.deadLetterQueue].map(
        (q) => types.get(q),
      ),
    ).toEqual(['quorum', 'quorum', 'quorum']);
  });

  it('queues exactly the routing keys it receives', async () => {
    const { consumer } = await startConsumer([WIDGET_CHANGED, WIDGET_REMOVED]);
    await consumer.stop();
    consumers.pop();
    await publisher.publish(widgetChanged('t-1', 1));
    await publisher.publish(widgetRemoved('t-1'));
    await publisher.publish({ ...widgetRemoved('t-1'), eventType: WIDGET_AUDITED } as never);
    const queued = await waitFor(async () => {
      const n = await raw.messageCount(consumer.names.queue);
      return n >= 2 ? n : 0;
    });
    expect(queued).toBe(2);
    expect((await raw.drain(consumer.names.queue)).map((m) => m.properties.type).sort()).toEqual([
      WIDGET_CHANGED,
      WIDGET_REMOVED,
    ]);
  });

  it('reports a binding the contract no longer receives and keeps it by default', async () => {
    const { consumer, log } = await startConsumer([WIDGET_CHANGED]);
    expect(consumer.bindingReport).toEqual({
      bound: [WIDGET_CHANGED],
      stale: [WIDGET_REMOVED],
      unbound: [],
    });
    expect(log.messages('warn')).toContain(
      'queue is still bound to routing keys the contract no longer receives (pass prune to unbind)',
    );
    await consumer.stop();
    consumers.pop();
  });

  it('unbinds stale keys when asked to prune', async () => {
    const { consumer } = await startConsumer([WIDGET_CHANGED], { prune: true });
    expect(consumer.bindingReport).toEqual({
      bound: [WIDGET_CHANGED],
      stale: [WIDGET_REMOVED],
      unbound: [WIDGET_REMOVED],
    });
    await consumer.stop();
    consumers.pop();
    await publisher.publish(widgetRemoved('t-2'));
    await publisher.publish(widgetChanged('t-2', 1));
    await waitFor(async () => (await raw.messageCount(consumer.names.queue)) >= 1);
    expect((await raw.drain(consumer.names.queue)).map((m) => m.properties.type)).toEqual([
      WIDGET_CHANGED,
    ]);
  });

  it('re-declares its queue and resumes consuming after the queue is deleted', async () => {
    const { consumer } = await startConsumer([WIDGET_CHANGED]);
    await raw.channel.deleteQueue(consumer.names.queue);
    // The broker cancels the consumer; it re-opens its channel, re-declares and re-binds.
    await waitFor(async () => (await raw.consumerCount(consumer.names.queue)) === 1, {
      description: 'the queue to be declared again with one consumer',
    });
    handled.length = 0;
    await publisher.publish(widgetChanged('t-3', 1));
    await waitFor(() => handled.length === 1, { description: 'the event to be handled' });
  });
});
