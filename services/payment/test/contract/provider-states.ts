/**
 * Provider states of payment's contract tests (services/payment/test/contract): each exact
 * `given(...)` sentence a consumer uses maps to a function that seeds the payment database or
 * sets up the PSP simulator, and returns the values the consumer can inject with
 * `fromProviderState` (ids it did not pass are generated). orders' pacts (HTTP: createPayment,
 * refundPayment; messages: payment.succeeded/failed) are verified with these handlers by
 * payment.provider.pact.test.ts and payment-events.provider.pact.test.ts. Several states can hold
 * for one interaction (a seeded payment and a provider that is down), so the provider states only
 * change the simulator's faults and never wipe the charges an earlier state recorded there.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { PspSimulator } from '@bazaar/psp-simulator/simulator/psp-simulator';
import { withTransaction } from '@bazaar/platform/db/index';
import { money } from '../../src/domain/money';
import {
  applyRefund,
  settleCharge,
  type ChargeOutcome,
  type Payment,
} from '../../src/domain/payment';
import { insertPayment, saveRefundedState } from '../../src/persistence/payment-store';
import { insertRefund } from '../../src/persistence/refund-store';

export interface ProviderStateContext {
  /** The payment service's database (the provider under test). */
  pool: pg.Pool;
  /** The PSP simulator the service under test calls. */
  psp: PspSimulator;
}

export type StateParams = Record<string, unknown> | undefined;
export type StateHandler = (params?: StateParams) => Promise<Record<string, unknown>>;

function text(params: StateParams, name: string, fallback: () => string): string {
  const value = params?.[name];
  return typeof value === 'string' && value !== '' ? value : fallback();
}

function amountOf(params: StateParams): { amount: number; currency: string } {
  const amount = Number(params?.['amount'] ?? 2598);
  return { amount, currency: text(params, 'currency', () => 'USD') };
}

/** An approved charge in the simulator's books, so a refund of the seeded payment reaches it. */
function chargeAtProvider(ctx: ProviderStateContext, params: StateParams): ChargeOutcome {
  const { amount, currency } = amountOf(params);
  const answer = ctx.psp.ledger.charge(
    { amount, currency, token: 'tok_visa', idempotencyKey: `provider-state-${randomUUID()}` },
    { approved: true },
  );
  if (answer.status !== 201)
    throw new Error(`the simulator refused the seeded charge: ${answer.status}`);
  return { kind: 'approved', providerChargeId: answer.body.id, attempts: 1 };
}

async function seedPayment(
  ctx: ProviderStateContext,
  params: StateParams,
  outcome: ChargeOutcome,
): Promise<Payment> {
  const { amount, currency } = amountOf(params);
  const payment = settleCharge(
    {
      id: text(params, 'paymentId', randomUUID),
      orderId: text(params, 'orderId', randomUUID),
      customerId: text(params, 'customerId', randomUUID),
      amount: money(amount, currency),
    },
    outcome,
    new Date(),
  );
  await insertPayment(ctx.pool, payment, `provider-state-${payment.id}`);
  return payment;
}

function described(payment: Payment): Record<string, unknown> {
  return {
    paymentId: payment.id,
    orderId: payment.orderId,
    customerId: payment.customerId,
    amount: payment.amount.amount,
    currency: payment.amount.currency,
  };
}

/** The state handlers, keyed by the exact sentences consumers write in `given(...)`. */
export function paymentProviderStates(ctx: ProviderStateContext): Record<string, StateHandler> {
  const succeeded = async (params?: StateParams) =>
    described(await seedPayment(ctx, params, chargeAtProvider(ctx, params)));
  return {
    /** params: paymentId, orderId, customerId?, amount?, currency? */
    'a payment {paymentId} succeeded for order {orderId}': succeeded,
    /** params: orderId (the order createPayment is then refused for with 409). */
    'order {orderId} is already paid': succeeded,
    /** params: paymentId, orderId?, declineCode? */
    'a payment {paymentId} was declined for order {orderId}': async (params) =>
      described(
        await seedPayment(ctx, params, {
          kind: 'declined',
          declineCode: text(params, 'declineCode', () => 'card_declined'),
          attempts: 1,
        }),
      ),
    /** params: paymentId, orderId? — the whole amount was given back. */
    'a payment {paymentId} was fully refunded': async (params) => {
      const payment = await seedPayment(ctx, params, chargeAtProvider(ctx, params));
      const at = new Date();
      const refunded = applyRefund(payment, payment.amount, at);
      await withTransaction(ctx.pool, async (tx) => {
        await saveRefundedState(tx, refunded);
        await insertRefund(
          tx,
          {
            id: randomUUID(),
            paymentId: payment.id,
            amount: payment.amount,
            reason: 'ORDER_CANCELED',
            providerRefundId: `re_state${randomUUID().replace(/-/g, '')}`,
            createdAt: at,
          },
          `provider-state-refund-${payment.id}`,
        );
      });
      return described(refunded);
    },
    /** params: paymentId — nothing is seeded, the id is unknown to the provider. */
    'no payment {paymentId} exists': async (params) => ({
      paymentId: text(params, 'paymentId', randomUUID),
    }),
    /** The PSP approves charges made with any test token the consumer sends (tok_visa). */
    'the payment provider is available': async () => {
      ctx.psp.faults.clear();
      return {};
    },
    /** The consumer charges with tok_chargeDeclined; the simulator declines it (card_declined). */
    'the payment provider declines': async () => {
      ctx.psp.faults.clear();
      return { token: 'tok_chargeDeclined', declineCode: 'card_declined' };
    },
    /** Every call to the PSP fails, so a charge or refund ends in 503 after its attempts. */
    'the payment provider is unavailable': async () => {
      ctx.psp.faults.clear();
      ctx.psp.faults.inject({ kind: 'error', count: 1000, operation: 'any', status: 503 });
      return {};
    },
  };
}
