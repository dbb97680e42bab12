/**
 * createPayment (services/payment/src/use-cases): charges an order through the provider and
 * records the payment whatever the outcome, with its event, in one transaction. Calls about one
 * order never overlap (provider lease), an order is charged at most once, and a retried request
 * finds the charge its earlier attempt made.
 */
import type pg from 'pg';
import { Deadline } from '@bazaar/platform/resilience/index';
import { withTransaction } from '@bazaar/platform/db/index';
import { addLogContext } from '@bazaar/platform/telemetry/index';
import type { Money } from '../domain/money';
import { settleCharge, type ChargeOutcome, type Payment } from '../domain/payment';
import {
  findChargedPaymentByProviderKey,
  findChargedPaymentOfOrder,
  insertPayment,
} from '../persistence/payment-store';
import type { PaymentDeps } from './payment-deps';
import { publishChargeSettled } from './payment-events';
import { acquireProviderLease } from './provider-call-lease';

export interface CreatePaymentInput {
  orderId: string;
  customerId: string;
  amount: Money;
  token: string;
  /** providerIdempotencyKey(...) of this request. */
  providerKey: string;
}

export type CreatePaymentResult =
  | { kind: 'charged'; payment: Payment }
  | { kind: 'declined'; payment: Payment }
  | { kind: 'unavailable'; payment: Payment; retryAfterSeconds: number }
  | { kind: 'already-paid'; payment: Payment };

export function createPayment(deps: PaymentDeps) {
  const { pool, provider, clock } = deps;

  async function record(
    input: CreatePaymentInput,
    outcome: ChargeOutcome,
    release?: (tx: pg.PoolClient) => Promise<void>,
  ) {
    const payment = settleCharge(
      {
        id: deps.newId(),
        orderId: input.orderId,
        customerId: input.customerId,
        amount: input.amount,
      },
      outcome,
      clock(),
    );
    await withTransaction(pool, async (tx) => {
      await insertPayment(tx, payment, input.providerKey);
      await publishChargeSettled(tx, payment);
      await release?.(tx);
    });
    return payment;
  }

  return async function createPaymentUseCase(
    input: CreatePaymentInput,
  ): Promise<CreatePaymentResult> {
    const deadline = Deadline.after(deps.providerDeadlineMs);
    addLogContext({ orderId: input.orderId });
    // The same request retried after its charge was recorded (answer lost, key released by a 5xx).
    const earlier = await findChargedPaymentByProviderKey(pool, input.providerKey);
    if (earlier) return { kind: 'charged', payment: earlier };

    const lease = await acquireProviderLease(pool, `order:${input.orderId}`, deadline, clock);
    if (!lease.held) {
      const payment = await record(input, { kind: 'unavailable', attempts: 0 });
      return { kind: 'unavailable', payment, retryAfterSeconds: lease.retryAfterSeconds };
    }
    try {
      const paid = await findChargedPaymentOfOrder(pool, input.orderId);
      if (paid) return { kind: 'already-paid', payment: paid };
      const result = await provider.charge(
        {
          amount: input.amount.amount,
          currency: input.amount.currency,
          token: input.token,
          idempotencyKey: input.providerKey,
        },
        deadline,
      );
      const payment = await record(input, result, (tx) => lease.held.release(tx));
      switch (result.kind) {
        case 'approved':
          return { kind: 'charged', payment };
        case 'declined':
          return { kind: 'declined', payment };
        case 'unavailable':
          return { kind: 'unavailable', payment, retryAfterSeconds: result.retryAfterSeconds };
      }
    } finally {
      await lease.held.releaseIfHeld();
    }
  };
}
