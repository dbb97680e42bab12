/**
 * The relay is woken by the NOTIFY that a producer's COMMIT sends (LISTEN/NOTIFY), so an idle
 * relay publishes a new event without waiting for its next poll; events committed while it was
 * stopped are found when it starts.
 */
import { withTransaction } from '../../src/db';
import { appendToOutbox, EventPublisher, OutboxRelay } from '../../src/events';
import {
  createTestBroker,
  createTestDatabase,
  waitFor,
  type TestDatabase,
} from '../../src/testing';
import { testRegistry, widgetChanged } from './support/test-events';

jest.setTimeout(30_000);

const HOUR = 3_600_000;
const broker = createTestBroker('relay-wakeup');
let db: TestDatabase;
let publisher: EventPublisher;
let relay: OutboxRelay | undefined;
let batches: number[] = [];

beforeAll(async () => {
  db = await createTestDatabase('relay-wakeup');
  publisher = await EventPublisher.create({
    connection: await broker.connect('relay'),
    exchange: broker.exchange,
  });
});
afterAll(async () => {
  await relay?.stop();
  await publisher.close();
  await broker.cleanup();
  await db.drop();
});

async function commit(widgetId: string): Promise<void> {
  await withTransaction(db.pool, (tx) =>
    appendToOutbox(tx, [widgetChanged(widgetId, 1)], { registry: testRegistry }),
  );
}

async function pending(): Promise<number> {
  return Number(
    (await db.pool.query('SELECT count(*) AS n FROM platform.outbox WHERE published_at IS NULL'))
      .rows[0].n,
  );
}

function startRelay(): Promise<void> {
  batches = [];
  // An hour between polls: only a notification can make it publish within the test.
  relay = new OutboxRelay({
    pool: db.pool,
    publisher,
    pollIntervalMs: HOUR,
    metrics: { onBatch: (r) => batches.push(r.published) },
  });
  return relay.start();
}

describe('the outbox relay', () => {
  it('publishes events committed before it started', async () => {
    await commit('early');
    await startRelay();
    // The batch is reported just after its transaction commits, so wait for both.
    await waitFor(async () => (await pending()) === 0 && batches.length > 0, {
      description: 'the early event to be published and its batch reported',
    });
    expect(batches).toEqual([1]);
  });

  it('is woken by a commit while idle, long before its next poll', async () => {
    await waitFor(() => batches.length === 1);
    await commit('late');
    await waitFor(async () => (await pending()) === 0, {
      description: 'the late event to be published',
    });
    expect(batches).toEqual([1, 1]);
  });

  it('stops promptly while idle, without waiting for the poll interval', async () => {
    let stopped = false;
    void relay!.stop().then(() => (stopped = true));
    await waitFor(() => stopped, { timeoutMs: 5_000, description: 'stop() to resolve' });
    relay = undefined;
  });
});
