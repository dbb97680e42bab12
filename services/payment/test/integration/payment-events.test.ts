/**
 * The events payment publishes through its outbox, read from the suite's own exchange: succeeded,
 * failed (declined and provider unavailable) and refunded, each with the contract's envelope
 * (producer, partition key = orderId, the request's correlation id, messageId = eventId) and payload.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '@bazaar/platform/testing/index';
import { call, newPayment } from './support/http';
import {
  startPaymentForTest,
  type PaymentTestService,
  type TappedEvent,
} from './support/payment-test-service';

jest.setTimeout(60_000);

let svc: PaymentTestService;
let serviceToken: string;

beforeAll(async () => {
  svc = await startPaymentForTest('payment-events', {
    env: { PAYMENT_PSP_RETRY_AFTER_SECONDS: '3' },
  });
  serviceToken = await svc.token(['service'], 'orders');
});
afterAll(() => svc?.stop());

/** Waits for the one event of `type` about `orderId`. */
async function eventAbout(type: string, orderId: string): Promise<TappedEvent> {
  const seen: TappedEvent[] = [];
  let found: TappedEvent | undefined;
  await waitFor(
    async () => {
      seen.push(...(await svc.takeEvents()));
      found = seen.find((e) => e.routingKey === type && e.envelope.partitionKey === orderId);
      return found !== undefined;
    },
    { timeoutMs: 15_000 },
  );
  return found!;
}

function chargeWithCorrelation(body: ReturnType<typeof newPayment>, correlationId: string) {
  return call(svc.url, 'POST', '/api/v1/payments', {
    token: serviceToken,
    idempotencyKey: randomUUID(),
    body,
    headers: { 'correlation-id': correlationId },
  });
}

describe('payment events', () => {
  it('publishes payment.succeeded for a charge, keyed by order, with the request correlation id', async () => {
    const body = newPayment();
    const answer = await chargeWithCorrelation(body, 'corr-pay-1');
    const event = await eventAbout('ecommerce.payment.payment.succeeded.v1', body.orderId);
    expect(event.messageId).toBe(event.envelope['eventId']);
    expect(event.envelope).toMatchObject({
      eventType: 'ecommerce.payment.payment.succeeded.v1',
      producer: 'payment',
      correlationId: 'corr-pay-1',
      partitionKey: body.orderId,
      payload: {
        paymentId: answer.body['id'],
        orderId: body.orderId,
        customerId: body.customerId,
        amount: { amount: 2598, currency: 'USD' },
        attempts: 1,
        succeededAt: answer.body['updatedAt'],
      },
    });
  });

  it('publishes payment.failed with reason DECLINED and the decline code for a decline', async () => {
    const body = newPayment({ token: 'tok_chargeDeclined' });
    const answer = await chargeWithCorrelation(body, 'corr-pay-2');
    const event = await eventAbout('ecommerce.payment.payment.failed.v1', body.orderId);
    expect(event.envelope.payload).toMatchObject({
      paymentId: answer.body['paymentId'],
      reason: 'DECLINED',
      declineCode: 'card_declined',
      attempts: 1,
    });
  });

  it('publishes payment.failed with reason PROVIDER_UNAVAILABLE after five failed calls', async () => {
    svc.psp.simulator.faults.inject({ kind: 'error', count: 5, operation: 'charge', status: 503 });
    const body = newPayment();
    await chargeWithCorrelation(body, 'corr-pay-3');
    const event = await eventAbout('ecommerce.payment.payment.failed.v1', body.orderId);
    expect(event.envelope.payload).toMatchObject({
      reason: 'PROVIDER_UNAVAILABLE',
      declineCode: null,
      attempts: 5,
    });
  });

  it('publishes payment.refunded with whether the payment is now fully refunded', async () => {
    const body = newPayment();
    const paid = await chargeWithCorrelation(body, 'corr-pay-4');
    const refunded = await call(
      svc.url,
      'POST',
      `/api/v1/payments/${paid.body['id'] as string}/refunds`,
      {
        token: serviceToken,
        idempotencyKey: randomUUID(),
        body: { reason: 'ORDER_CANCELED' },
      },
    );
    const event = await eventAbout('ecommerce.payment.payment.refunded.v1', body.orderId);
    expect(event.envelope.payload).toEqual({
      paymentId: paid.body['id'],
      refundId: refunded.body['id'],
      orderId: body.orderId,
      customerId: body.customerId,
      amount: { amount: 2598, currency: 'USD' },
      reason: 'ORDER_CANCELED',
      fullyRefunded: true,
      refundedAt: refunded.body['createdAt'],
    });
  });
});
