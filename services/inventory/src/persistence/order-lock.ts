/**
 * Serialises every reservation rpc of one order (inventory persistence): a transaction-scoped
 * advisory lock on the order id, taken first, so a retry racing its own first attempt sees that
 * attempt's outcome instead of acting twice.
 */
import type { Db } from './db';

/** Advisory-lock namespace of order locks ('BZIR'), apart from the platform's outbox locks. */
export const ORDER_LOCK_NAMESPACE = 1_113_213_266;

export async function lockOrder(tx: Db, orderId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ORDER_LOCK_NAMESPACE, orderId]);
}
