/**
 * SQL for the payments table (services/payment/src/persistence): writes a settled payment, reads
 * one by id, by order or by the provider idempotency key it was charged with, and saves the
 * refunded amount and status after a refund.
 */
import type { FailureReason, Payment, PaymentStatus } from '../domain/payment';
import type { Queryable } from './queryable';

interface PaymentRow {
  id: string;
  order_id: string;
  customer_id: string;
  amount: string;
  currency: string;
  status: PaymentStatus;
  attempts: number;
  failure_reason: FailureReason | null;
  decline_code: string | null;
  refunded_amount: string;
  provider_charge_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, order_id, customer_id, amount, currency, status, attempts, failure_reason,
  decline_code, refunded_amount, provider_charge_id, created_at, updated_at`;

function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    orderId: row.order_id,
    customerId: row.customer_id,
    amount: { amount: Number(row.amount), currency: row.currency },
    status: row.status,
    attempts: row.attempts,
    failureReason: row.failure_reason,
    declineCode: row.decline_code,
    refundedAmount: { amount: Number(row.refunded_amount), currency: row.currency },
    providerChargeId: row.provider_charge_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Records a settled payment; `providerKey` is the idempotency key its charge was sent with. */
export async function insertPayment(
  db: Queryable,
  payment: Payment,
  providerKey: string,
): Promise<void> {
  await db.query(
    `INSERT INTO payments (${COLUMNS}, provider_idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      payment.id,
      payment.orderId,
      payment.customerId,
      payment.amount.amount,
      payment.amount.currency,
      payment.status,
      payment.attempts,
      payment.failureReason,
      payment.declineCode,
      payment.refundedAmount.amount,
      payment.providerChargeId,
      payment.createdAt,
      payment.updatedAt,
      providerKey,
    ],
  );
}

export async function findPayment(db: Queryable, id: string): Promise<Payment | undefined> {
  const { rows } = await db.query<PaymentRow>(`SELECT ${COLUMNS} FROM payments WHERE id = $1`, [
    id,
  ]);
  return rows[0] ? toPayment(rows[0]) : undefined;
}

/** The payment locked for the rest of the transaction (a refund updates it). */
export async function findPaymentForUpdate(
  db: Queryable,
  id: string,
): Promise<Payment | undefined> {
  const { rows } = await db.query<PaymentRow>(
    `SELECT ${COLUMNS} FROM payments WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ? toPayment(rows[0]) : undefined;
}

/** The order's charged payment (SUCCEEDED or later refunded), if it has one. */
export async function findChargedPaymentOfOrder(
  db: Queryable,
  orderId: string,
): Promise<Payment | undefined> {
  const { rows } = await db.query<PaymentRow>(
    `SELECT ${COLUMNS} FROM payments WHERE order_id = $1 AND status <> 'FAILED'`,
    [orderId],
  );
  return rows[0] ? toPayment(rows[0]) : undefined;
}

/** The charged payment made with this provider idempotency key, if one was recorded. */
export async function findChargedPaymentByProviderKey(
  db: Queryable,
  providerKey: string,
): Promise<Payment | undefined> {
  const { rows } = await db.query<PaymentRow>(
    `SELECT ${COLUMNS} FROM payments WHERE provider_idempotency_key = $1 AND status <> 'FAILED'`,
    [providerKey],
  );
  return rows[0] ? toPayment(rows[0]) : undefined;
}

/** Saves what a refund changed: the refunded amount, the status and the update time. */
export async function saveRefundedState(db: Queryable, payment: Payment): Promise<void> {
  await db.query(
    'UPDATE payments SET refunded_amount = $2, status = $3, updated_at = $4 WHERE id = $1',
    [payment.id, payment.refundedAmount.amount, payment.status, payment.updatedAt],
  );
}
