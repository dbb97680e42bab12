/**
 * Every event the relay marks published leaves a dead entry in the outbox's partial pending
 * indexes until VACUUM. A claim must not read all of them (and their heap pages) again each time:
 * its scan of the oldest pending events skips entries already found dead, so the heap pages a
 * relay transaction reads do not grow with the number of events published before it.
 */
import type pg from 'pg';
import { withTransaction } from '../../src/db';
import { appendToOutbox, settledOnlyPublisher } from '../../src/events';
import { relayBatch } from '../../src/events/outbox-batch';
import { createTestDatabase, type TestDatabase } from '../../src/testing';
import { testRegistry, widgetChanged } from './support/test-events';

jest.setTimeout(60_000);

const PUBLISHED_BEFORE = 3_000;
const options = { batchSize: 500, maxBatches: 8 };
/** Confirms everything: the test is about the database side of a relay transaction. */
const publisher = settledOnlyPublisher(async (messages) =>
  messages.map((): PromiseSettledResult<void> => ({ status: 'fulfilled', value: undefined })),
);

let db: TestDatabase;
let client: pg.PoolClient;

beforeAll(async () => {
  db = await createTestDatabase('relay-claim-dead-rows');
  client = await db.pool.connect();
});
afterAll(async () => {
  client.release();
  await db.drop();
});

async function commit(from: number, count: number): Promise<void> {
  const events = Array.from({ length: count }, (_, i) => widgetChanged(`w-${(from + i) % 50}`, 1));
  await withTransaction(db.pool, (tx) => appendToOutbox(tx, events, { registry: testRegistry }));
}

/** Heap blocks of platform.outbox read so far, with this client's pending statistics flushed. */
async function outboxHeapBlocksRead(): Promise<number> {
  await client.query('SELECT pg_stat_force_next_flush()');
  await client.query('SELECT 1');
  const result = await db.pool.query<{ n: string }>(
    `SELECT heap_blks_hit + heap_blks_read AS n FROM pg_statio_user_tables
      WHERE schemaname = 'platform' AND relname = 'outbox'`,
  );
  return Number(result.rows[0]?.n);
}

describe('a relay claim after many published events', () => {
  it('reads a few heap pages, not one per event published before', async () => {
    for (let from = 0; from < PUBLISHED_BEFORE; from += 500) await commit(from, 500);
    let published = 0;
    for (let result; (result = await relayBatch(client, publisher, options)).published > 0;) {
      published += result.published;
    }
    expect(published).toBe(PUBLISHED_BEFORE);
    const pages = Number(
      (
        await db.pool.query<{ n: string }>(
          "SELECT pg_relation_size('platform.outbox') / current_setting('block_size')::int AS n",
        )
      ).rows[0]?.n,
    );
    // Re-reading the dead rows would touch every page of the events published before.
    expect(pages).toBeGreaterThan(100);

    await commit(PUBLISHED_BEFORE, 1);
    expect((await relayBatch(client, publisher, options)).published).toBe(1);
    // The same aggregate again: the first claim has already met its dead entries.
    await commit(PUBLISHED_BEFORE + 50, 1);
    const before = await outboxHeapBlocksRead();
    expect((await relayBatch(client, publisher, options)).published).toBe(1);
    const read = (await outboxHeapBlocksRead()) - before;

    expect(read).toBeLessThan(30);
  });
});
