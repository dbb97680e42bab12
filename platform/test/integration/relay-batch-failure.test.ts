/**
 * What one relay transaction does when the broker refuses an event part-way: the confirmed prefix
 * of each partition is marked published, the refused event and everything after it in its
 * partition stay pending, and the next transaction sends the rest
 * in order. Also: a transaction publishes at most maxBatchesPerTransaction batches.
 */
import { withTransaction } from '../../src/db';
import {
  appendToOutbox,
  OutboxRelay,
  settledOnlyPublisher,
  type OutgoingEvent,
} from '../../src/events';
import { createTestDatabase, type TestDatabase } from '../../src/testing';
import { testRegistry, widgetChanged } from './support/test-events';

jest.setTimeout(30_000);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('relay-batch-failure');
});
afterAll(() => db.drop());
beforeEach(() => db.pool.query('TRUNCATE platform.outbox'));

/** `A1` for widget A's event with seq 1. */
function label(message: OutgoingEvent): string {
  const event = JSON.parse(message.content.toString());
  return `${event.partitionKey}${event.payload.seq}`;
}

async function commitInterleaved(perPartition: number): Promise<void> {
  for (let seq = 1; seq <= perPartition; seq++) {
    for (const widget of ['A', 'B']) {
      await withTransaction(db.pool, (tx) =>
        appendToOutbox(tx, [widgetChanged(widget, seq)], { registry: testRegistry }),
      );
    }
  }
}

async function pendingLabels(): Promise<string[]> {
  const result = await db.pool.query<{ l: string }>(
    "SELECT partition_key || (message->'payload'->>'seq') AS l FROM platform.outbox WHERE published_at IS NULL ORDER BY position",
  );
  return result.rows.map((r) => r.l);
}

/**
 * A relay whose fake broker accepts everything until it meets a label in `refuse`; from then on
 * its channel is dead and every later message fails, as when RabbitMQ drops the connection.
 */
function relayPublishing(accepted: string[], refuse: Set<string> = new Set()): OutboxRelay {
  let dead = false;
  return new OutboxRelay({
    pool: db.pool,
    listenUrl: false,
    batchSize: 2,
    maxBatchesPerTransaction: 4,
    publisher: settledOnlyPublisher(async (messages) =>
      messages.map(label).map((l) => {
        if (refuse.has(l)) dead = true;
        if (dead) return { status: 'rejected', reason: new Error(`channel closed at ${l}`) };
        accepted.push(l);
        return { status: 'fulfilled', value: undefined };
      }),
    ),
  });
}

describe('a relay transaction', () => {
  it('keeps the failed events and the rest of their partitions pending', async () => {
    await commitInterleaved(3);
    const accepted: string[] = [];
    const result = await relayPublishing(accepted, new Set(['A2'])).runOnce();
    expect(accepted).toEqual(['A1', 'B1']);
    expect(result.published).toBe(2);
    expect(await pendingLabels()).toEqual(['A2', 'B2', 'A3', 'B3']);
    const failed = await db.pool.query(
      "SELECT publish_attempts, last_error FROM platform.outbox WHERE partition_key = 'A' AND message->'payload'->>'seq' = '2'",
    );
    expect(failed.rows[0]).toEqual({ publish_attempts: 1, last_error: 'channel closed at A2' });
  });

  it('sends the rest in partition order in the next transaction', async () => {
    await commitInterleaved(3);
    const accepted: string[] = [];
    await relayPublishing(accepted, new Set(['A2'])).runOnce();
    const relay = relayPublishing(accepted);
    while ((await relay.runOnce()).published > 0);
    const inOrder = (p: string) => accepted.filter((l) => l.startsWith(p));
    expect(inOrder('A')).toEqual(['A1', 'A2', 'A3']);
    expect(inOrder('B')).toEqual(['B1', 'B2', 'B3']);
    expect(await pendingLabels()).toEqual([]);
  });

  it('publishes at most maxBatchesPerTransaction batches before committing', async () => {
    await commitInterleaved(5);
    const accepted: string[] = [];
    const result = await relayPublishing(accepted).runOnce();
    expect(result.published).toBe(8);
    expect(await pendingLabels()).toEqual(['A5', 'B5']);
  });
});
