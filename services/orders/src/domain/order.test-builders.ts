/**
 * Test-data builders for the order domain's unit tests: a placed order and the histories that take
 * it to each step, so every test states only what it is about.
 */
import type { OrderCommand } from './order-commands';
import type { OrderEvent, OrderLine } from './order-events';
import { decide, evolve } from './order';
import type { OrderState } from './order-state';

export const ORDER_ID = '8e2b4c6d-1f3a-4b5c-9d7e-0a1b2c3d4e5f';
export const CUSTOMER_ID = '5a1f0c3e-9d2b-4e7a-8c6f-1b2d3e4f5a6b';
export const T0 = new Date('2026-11-23T10:30:00.000Z');

export function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

export function line(overrides: Partial<OrderLine> = {}): OrderLine {
  return {
    productId: '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70',
    sku: 'MUG-BLUE-01',
    name: 'Blue ceramic mug',
    unitPrice: { amount: 1299, currency: 'USD' },
    quantity: 2,
    ...overrides,
  };
}

/** Applies commands one after another (each at `T0 + i` seconds) from nothing. */
export function history(commands: OrderCommand[]): { state: OrderState; events: OrderEvent[] } {
  let state: OrderState | undefined;
  const events: OrderEvent[] = [];
  commands.forEach((command, i) => {
    for (const event of decide(state, command, at(i))) {
      state = evolve(state, event, ORDER_ID);
      events.push(event);
    }
  });
  if (!state) throw new Error('the history placed no order');
  return { state, events };
}

export const place: OrderCommand = {
  type: 'PlaceOrder',
  customerId: CUSTOMER_ID,
  lines: [line()],
  fromCart: false,
};
export const reserve: OrderCommand = {
  type: 'RecordReservation',
  outcome: {
    kind: 'reserved',
    reservationId: '11111111-2222-4333-8444-555555555555',
    expiresAt: at(900).toISOString(),
  },
};
export const startPayment: OrderCommand = { type: 'StartPayment', attemptKey: 'key-1' };
export const chargeSucceeded: OrderCommand = {
  type: 'RecordChargeOutcome',
  attemptKey: 'key-1',
  outcome: { kind: 'succeeded', paymentId: '2b7d9f1e-4c6a-4e8b-9d0f-1a2b3c4d5e6f' },
};
export const commit: OrderCommand = { type: 'RecordCommit', outcome: 'committed' };

export const awaitingPayment = (): OrderState => history([place, reserve]).state;
export const paid = (): OrderState =>
  history([place, reserve, startPayment, chargeSucceeded, commit]).state;
