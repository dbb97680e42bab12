/**
 * SQL for the refunds table (services/payment/src/persistence): records a refund the provider
 * made, finds one by the provider idempotency key it was made with, and pages through a
 * payment's refunds oldest first.
 */
import type { Refund, RefundReason } from '../domain/refund';
import type { Queryable } from './queryable';

interface RefundRow {
  id: string;
  payment_id: string;
  amount: string;
  currency: string;
  reason: RefundReason;
  provider_refund_id: string;
  created_at: Date;
}

const COLUMNS = 'id, payment_id, amount, currency, reason, provider_refund_id, created_at';

function toRefund(row: RefundRow): Refund {
  return {
    id: row.id,
    paymentId: row.payment_id,
    amount: { amount: Number(row.amount), currency: row.currency },
    reason: row.reason,
    providerRefundId: row.provider_refund_id,
    createdAt: row.created_at,
  };
}

export async function insertRefund(
  db: Queryable,
  refund: Refund,
  providerKey: string,
): Promise<void> {
  await db.query(
    `INSERT INTO refunds (${COLUMNS}, provider_idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      refund.id,
      refund.paymentId,
      refund.amount.amount,
      refund.amount.currency,
      refund.reason,
      refund.providerRefundId,
      refund.createdAt,
      providerKey,
    ],
  );
}

export async function findRefundByProviderKey(
  db: Queryable,
  providerKey: string,
): Promise<Refund | undefined> {
  const { rows } = await db.query<RefundRow>(
    `SELECT ${COLUMNS} FROM refunds WHERE provider_idempotency_key = $1`,
    [providerKey],
  );
  return rows[0] ? toRefund(rows[0]) : undefined;
}

export interface RefundPage {
  items: Refund[];
  totalItems: number;
}

/** Page `page` (from 1) of `size` refunds of the payment, oldest first. */
export async function listRefundsOfPayment(
  db: Queryable,
  paymentId: string,
  page: number,
  size: number,
): Promise<RefundPage> {
  const [items, count] = await Promise.all([
    db.query<RefundRow>(
      `SELECT ${COLUMNS} FROM refunds WHERE payment_id = $1
        ORDER BY created_at, id LIMIT $2 OFFSET $3`,
      [paymentId, size, (page - 1) * size],
    ),
    db.query<{ total: string }>('SELECT count(*) AS total FROM refunds WHERE payment_id = $1', [
      paymentId,
    ]),
  ]);
  return { items: items.rows.map(toRefund), totalItems: Number(count.rows[0]?.total ?? 0) };
}
