/**
 * Commit order versus position order inside one relay transaction: an event of partition A that
 * was appended early but commits while the relay is already publishing A (its position lies below
 * rows of other partitions the relay has sent) is still published after A's earlier events and
 * before A's later ones — never skipped past.
 */
import type pg from 'pg';
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
  db = await createTestDatabase('relay-commit-order');
});
afterAll(() => db.drop());

function label(message: OutgoingEvent): string {
  const event = JSON.parse(message.content.toString());
  return `${event.partitionKey}${event.payload.seq}`;
}

function commit(widget: string, seq: number): Promise<void> {
  return withTransaction(db.pool, (tx) =>
    appendToOutbox(tx, [widgetChanged(widget, seq)], { registry: testRegistry }),
  );
}

describe('a relay transaction', () => {
  it('publishes an event that commits mid-transaction in its partition order', async () => {
    await commit('A', 1);
    // A2 takes its position now but commits only once the relay is publishing.
    const late: pg.PoolClient = await db.pool.connect();
    await late.query('BEGIN');
    await appendToOutbox(late, [widgetChanged('A', 2)], { registry: testRegistry });
    await commit('B', 1);
    await commit('B', 2);

    const published: string[] = [];
    let first = true;
    const relay = new OutboxRelay({
      pool: db.pool,
      listenUrl: false,
      batchSize: 2,
      maxBatchesPerTransaction: 4,
      publisher: settledOnlyPublisher(async (messages) => {
        published.push(...messages.map(label));
        if (first) {
          first = false;
          await late.query('COMMIT');
          late.release();
          await commit('A', 3);
        }
        return messages.map(() => ({ status: 'fulfilled', value: undefined }));
      }),
    });
    while ((await relay.runOnce()).published > 0);

    expect(published.filter((l) => l.startsWith('A'))).toEqual(['A1', 'A2', 'A3']);
    expect(published.filter((l) => l.startsWith('B'))).toEqual(['B1', 'B2']);
  });
});
