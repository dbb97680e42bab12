/**
 * appendToOutbox against a real PostgreSQL: events are validated before anything is written, carry
 * the producer's trace context, and within one partition key their positions follow COMMIT order,
 * because a second transaction appending to the same key waits for the first to finish.
 */
import type pg from 'pg';
import { appendToOutbox, outboxInsertStatement, OutboxValidationError } from '../../src/events';
import { createTestDatabase, waitFor, type TestDatabase } from '../../src/testing';
import { testRegistry, widgetChanged } from './support/test-events';

jest.setTimeout(30_000);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('outbox-append');
});
afterAll(() => db.drop());

async function begin(): Promise<pg.PoolClient> {
  const client = await db.pool.connect();
  await client.query('BEGIN');
  return client;
}

async function positionsOf(widgetId: string): Promise<number[]> {
  const result = await db.pool.query<{ seq: number }>(
    "SELECT (message->'payload'->>'seq')::int AS seq FROM platform.outbox WHERE partition_key = $1 ORDER BY position",
    [widgetId],
  );
  return result.rows.map((r) => r.seq);
}

/** Backends of this database waiting on a lock (the advisory append lock, here). */
async function lockWaiters(): Promise<number> {
  const result = await db.pool.query(
    "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
  );
  return result.rowCount ?? 0;
}

describe('appendToOutbox', () => {
  it('writes nothing and names the event when one event breaks its schema', async () => {
    const good = widgetChanged('v-1', 1);
    const bad = { ...widgetChanged('v-1', 2), payload: { widgetId: 'v-1', seq: 'two' } };
    const tx = await begin();
    try {
      await expect(appendToOutbox(tx, [good, bad], { registry: testRegistry })).rejects.toThrow(
        new OutboxValidationError('ecommerce.test.widget.changed.v1', 'schema', [
          '/payload/seq must be integer',
        ]),
      );
    } finally {
      await tx.query('ROLLBACK');
      tx.release();
    }
    expect(await positionsOf('v-1')).toEqual([]);
  });

  it('makes a second transaction on the same partition wait, so positions follow commit order', async () => {
    const first = await begin();
    const second = await begin();
    await appendToOutbox(first, [widgetChanged('p-1', 1)], { registry: testRegistry });
    const secondAppend = appendToOutbox(second, [widgetChanged('p-1', 2)], {
      registry: testRegistry,
    });
    await waitFor(async () => (await lockWaiters()) === 1, {
      description: 'the second append to wait',
    });
    await first.query('COMMIT');
    await secondAppend;
    await second.query('COMMIT');
    first.release();
    second.release();
    expect(await positionsOf('p-1')).toEqual([1, 2]);
  });

  it('lets a transaction on another partition append without waiting', async () => {
    const first = await begin();
    const other = await begin();
    try {
      await appendToOutbox(first, [widgetChanged('q-1', 1)], { registry: testRegistry });
      await appendToOutbox(other, [widgetChanged('q-2', 1)], { registry: testRegistry });
      await other.query('COMMIT');
      expect(await positionsOf('q-2')).toEqual([1]);
    } finally {
      await first.query('ROLLBACK');
      first.release();
      other.release();
    }
  });

  it('keeps the order of events appended together', async () => {
    const tx = await begin();
    const events = [3, 1, 2].map((seq) => widgetChanged('r-1', seq));
    await appendToOutbox(tx, events, { registry: testRegistry });
    await tx.query('COMMIT');
    tx.release();
    expect(await positionsOf('r-1')).toEqual([3, 1, 2]);
  });

  it('stores the traceparent of the envelope trace and the correlation id as headers', async () => {
    const event = widgetChanged('h-1', 1, 'corr-123');
    const tx = await begin();
    await appendToOutbox(tx, [event], { registry: testRegistry });
    await tx.query('COMMIT');
    tx.release();
    const row = await db.pool.query<{ headers: Record<string, string> }>(
      'SELECT headers FROM platform.outbox WHERE event_id = $1',
      [event.eventId],
    );
    expect(row.rows[0]?.headers).toEqual({
      traceparent: expect.stringMatching(new RegExp(`^00-${event.traceId}-[0-9a-f]{16}-01$`)),
      correlationId: 'corr-123',
    });
  });
});

describe('outboxInsertStatement', () => {
  it("appends inside the caller's own statement, in order, only when that statement commits", async () => {
    const events = [widgetChanged('s-1', 1), widgetChanged('s-1', 2)];
    const insert = outboxInsertStatement(events, {
      registry: testRegistry,
      firstParameter: 2,
      where: '(SELECT count(*) FROM first) >= 0',
    });
    const statement = `WITH first AS (SELECT $1::int AS n),
      appended AS (${insert.sql} RETURNING 1)
      SELECT (SELECT count(*) FROM appended) AS appended, (SELECT n FROM first) AS n`;
    const { rows } = await db.pool.query(statement, [7, ...insert.values]);
    expect(rows[0]).toEqual({ appended: '2', n: 7 });
    expect(await positionsOf('s-1')).toEqual([1, 2]);

    // A statement that fails after its CTE appended leaves no event behind.
    const failing = outboxInsertStatement([widgetChanged('s-2', 1)], {
      registry: testRegistry,
      firstParameter: 1,
    });
    await expect(
      db.pool.query(
        `WITH appended AS (${failing.sql} RETURNING 1)
         SELECT 1 / ((SELECT count(*) FROM appended) - 1) AS boom`,
        failing.values,
      ),
    ).rejects.toThrow(/division by zero/);
    expect(await positionsOf('s-2')).toEqual([]);
  });

  it('validates like appendToOutbox and refuses events of several partition keys', () => {
    const bad = { ...widgetChanged('s-3', 1), payload: { widgetId: 's-3', seq: 'one' } };
    expect(() =>
      outboxInsertStatement([bad], { registry: testRegistry, firstParameter: 1 }),
    ).toThrow(OutboxValidationError);
    expect(() =>
      outboxInsertStatement([widgetChanged('s-4', 1), widgetChanged('s-5', 1)], {
        registry: testRegistry,
        firstParameter: 1,
      }),
    ).toThrow(/several partition keys/);
  });
});
