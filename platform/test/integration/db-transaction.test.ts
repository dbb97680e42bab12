/**
 * withTransaction against a real PostgreSQL: a function's writes commit together or not at all,
 * and the client always returns to the pool.
 */
import { withClient, withTransaction } from '../../src/db';
import { createTestDatabase, type TestDatabase } from '../../src/testing';

jest.setTimeout(30_000);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('db-transaction', { migrate: false });
  await db.pool.query('CREATE TABLE notes (body text NOT NULL)');
});
afterAll(() => db.drop());
beforeEach(() => db.pool.query('TRUNCATE notes'));

async function notes(): Promise<string[]> {
  return (await db.pool.query<{ body: string }>('SELECT body FROM notes ORDER BY body')).rows.map(
    (r) => r.body,
  );
}

describe('withTransaction', () => {
  it("commits the function's writes and returns its value", async () => {
    const result = await withTransaction(db.pool, async (tx) => {
      await tx.query("INSERT INTO notes VALUES ('a'), ('b')");
      return 42;
    });
    expect(result).toBe(42);
    expect(await notes()).toEqual(['a', 'b']);
  });

  it('rolls every write back and rethrows when the function throws', async () => {
    await expect(
      withTransaction(db.pool, async (tx) => {
        await tx.query("INSERT INTO notes VALUES ('a')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await notes()).toEqual([]);
  });

  it('returns the client to the pool after a failure', async () => {
    await expect(
      withTransaction(db.pool, async (tx) => {
        await tx.query('SELECT * FROM no_such_table');
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(db.pool.totalCount - db.pool.idleCount).toBe(0);
  });

  it('does not return a client the server terminated to the pool', async () => {
    await expect(
      withClient(db.pool, async (client) => {
        const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]
          ?.pid;
        await db.pool.query('SELECT pg_terminate_backend($1)', [pid]);
        await client.query('SELECT 1');
      }),
    ).rejects.toThrow(/terminating connection due to administrator command|not queryable/);
    // Without withClient's care the next borrower would get the dead client and fail.
    await expect(db.pool.query('SELECT 1 AS ok')).resolves.toMatchObject({ rows: [{ ok: 1 }] });
  });

  it('runs at the requested isolation level', async () => {
    const level = await withTransaction(
      db.pool,
      async (tx) =>
        (await tx.query<{ l: string }>("SELECT current_setting('transaction_isolation') AS l"))
          .rows[0]?.l,
      { isolationLevel: 'serializable' },
    );
    expect(level).toBe('serializable');
  });
});
