/**
 * Serialises every reservation rpc of one order (inventory persistence): a transaction-scoped
 * advisory lock on the order id, taken first, so a retry racing its own first attempt sees that
 * attempt's outcome instead of acting twice.
 */
import pg from 'pg';
import type { Db } from './db';

/** Advisory-lock namespace of order locks ('BZIR'), apart from the platform's outbox locks. */
export const ORDER_LOCK_NAMESPACE = 1_113_213_266;

export async function lockOrder(tx: Db, orderId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ORDER_LOCK_NAMESPACE, orderId]);
}

/**
 * BEGIN, the order's lock and the read of its reservation as ONE simple-protocol message (one
 * round trip instead of three, values as escaped literals). Each statement of such a message takes
 * its own snapshot under READ COMMITTED, so the read runs after the lock is held and sees what an
 * earlier holder committed, exactly as if sent one by one. Returns the read's rows.
 */
export async function beginLockedOrderRead<Row>(
  client: Pick<pg.ClientBase, 'query'>,
  orderId: string,
  readSql: (orderIdLiteral: string) => string,
): Promise<Row[]> {
  const id = pg.escapeLiteral(orderId);
  const results = (await client.query(
    `BEGIN; SELECT pg_advisory_xact_lock(${ORDER_LOCK_NAMESPACE}, hashtext(${id})); ${readSql(id)}`,
  )) as unknown as pg.QueryResult[];
  return (results[2]?.rows ?? []) as Row[];
}
