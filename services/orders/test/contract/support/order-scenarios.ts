/**
 * Orders brought to a given point of their life through orders' real unit of work
 * (runOrderCommand: decide, append to order_events, write the public events to the outbox, save
 * the saga row), one saga command at a time, the way the use cases and saga steps record what
 * customers, inventory and payment did. Used to seed orders for the consumer tests of payment's
 * events and by the provider states of the orders-events verification.
 */
import { randomUUID } from 'node:crypto';
import type { OrderCommand } from '../../../src/domain/order-commands';
import type { OrderLine } from '../../../src/domain/order-events';
import type { OrderState, SagaStep } from '../../../src/domain/order-state';
import type { SagaLeases } from '../../../src/domain/place-order-saga';
import { runOrderCommand } from '../../../src/use-cases/order-transaction';
import type { UseCaseDeps } from '../../../src/use-cases/use-case-deps';

export type OrderScenarioDeps = Pick<UseCaseDeps, 'pool' | 'clock' | 'leases'>;

/** No saga worker runs in the contract tests: the leases only fill in the saga rows. */
export const CONTRACT_TEST_LEASES: SagaLeases = {
  reserveMs: 10_000,
  chargeMs: 60_000,
  commitMs: 10_000,
  compensateMs: 60_000,
};

export interface NewOrder {
  orderId: string;
  customerId: string;
  fromCart?: boolean;
  lines?: readonly OrderLine[];
}

/** Two blue mugs at 12.99 USD: what the consumers' examples show. */
export function sampleLines(productId = '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70'): OrderLine[] {
  return [
    {
      productId,
      sku: 'MUG-BLUE-01',
      name: 'Blue ceramic mug',
      unitPrice: { amount: 1299, currency: 'USD' },
      quantity: 2,
    },
  ];
}

async function run(
  deps: OrderScenarioDeps,
  orderId: string,
  command: OrderCommand,
  expectedStep: SagaStep,
): Promise<OrderState> {
  const { state } = await runOrderCommand(deps, orderId, command);
  if (state?.step !== expectedStep)
    throw new Error(
      `${command.type} left order ${orderId} at ${state?.step ?? 'nothing'}, not ${expectedStep}`,
    );
  return state;
}

/** PlaceOrder: PENDING, stock being reserved (order.created is in the outbox). */
export function placed(deps: OrderScenarioDeps, order: NewOrder): Promise<OrderState> {
  return run(
    deps,
    order.orderId,
    {
      type: 'PlaceOrder',
      customerId: order.customerId,
      lines: order.lines ?? sampleLines(),
      fromCart: order.fromCart ?? false,
    },
    'RESERVING_STOCK',
  );
}

/** …and inventory reserved its stock for 15 minutes: the order awaits payment. */
export async function awaitingPayment(
  deps: OrderScenarioDeps,
  order: NewOrder,
): Promise<OrderState> {
  await placed(deps, order);
  const expiresAt = new Date(deps.clock().getTime() + 15 * 60_000).toISOString();
  return run(
    deps,
    order.orderId,
    {
      type: 'RecordReservation',
      outcome: { kind: 'reserved', reservationId: randomUUID(), expiresAt },
    },
    'AWAITING_PAYMENT',
  );
}

/** …and the customer started paying: a charge is under way at payment. */
export async function charging(
  deps: OrderScenarioDeps,
  order: NewOrder & { attemptKey?: string },
): Promise<OrderState> {
  await awaitingPayment(deps, order);
  const attemptKey = order.attemptKey ?? `order-${order.orderId}-pay-contract-test`;
  return run(deps, order.orderId, { type: 'StartPayment', attemptKey }, 'CHARGING');
}

/** …and payment charged it and inventory committed the reservation: PAID (order.paid). */
export async function paid(
  deps: OrderScenarioDeps,
  order: NewOrder & { paymentId?: string },
): Promise<OrderState> {
  const started = await charging(deps, order);
  await run(
    deps,
    order.orderId,
    {
      type: 'RecordChargeOutcome',
      attemptKey: started.charge!.attemptKey,
      outcome: { kind: 'succeeded', paymentId: order.paymentId ?? randomUUID() },
    },
    'COMMITTING',
  );
  return run(deps, order.orderId, { type: 'RecordCommit', outcome: 'committed' }, 'COMPLETED');
}

/** An admin fulfilled the PAID order (order.fulfilled). */
export function fulfilled(deps: OrderScenarioDeps, orderId: string): Promise<OrderState> {
  return run(deps, orderId, { type: 'Fulfill' }, 'COMPLETED');
}

/**
 * The customer canceled the order awaiting payment and inventory released its stock: the saga is
 * CLOSED (order.canceled), as cancelOrder and the compensation step record it.
 */
export async function canceledByCustomer(
  deps: OrderScenarioDeps,
  orderId: string,
): Promise<OrderState> {
  await run(deps, orderId, { type: 'Cancel', by: 'customer', note: null }, 'COMPENSATING');
  return run(deps, orderId, { type: 'RecordStockReleased' }, 'CLOSED');
}
