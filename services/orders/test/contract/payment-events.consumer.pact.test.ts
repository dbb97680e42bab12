/**
 * What orders needs from payment's events (provider `payment-events`): payment.succeeded and
 * payment.failed (declined, or the provider could not be reached), handed to orders' real
 * handlers (src/event-handlers/payment-*.handler.ts), which settle a charge whose synchronous
 * answer was lost: a success moves the charging order on to the commit, a failure of the charge
 * under way sends it back to awaiting payment. Key principle: the handlers read orderId,
 * paymentId, reason, declineCode and failedAt; the other required fields are matched by type
 * because orders validates the whole message against its schema.
 *
 * The orders are seeded through orders' own unit of work at 10:30 (the harness clock), so the
 * examples' failures (10:35) are failures of the charge under way, not of an older attempt.
 */
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { pactFileOptions } from '../../../../tests/pact/pact-config';
import { loadOrder } from '../../src/persistence/order-event-store';
import { envelopeLike, currency, instant } from '../../../../tests/pact/envelope-matchers';
import { charging } from './support/order-scenarios';
import { type OrdersHandlerHarness, ordersHandlerHarness } from './support/orders-handler-harness';

const { equal, integer, like, uuid } = MatchersV3;

const CUSTOMER_ID = '7b4e2d1c-9a8f-4e6d-b5c4-3a2f1e0d9c8b';
const CHARGE_STARTED_AT = new Date('2026-11-23T10:30:00.000Z');

const pact = new PactV4({ consumer: 'orders', provider: 'payment-events', ...pactFileOptions });

let harness: OrdersHandlerHarness;

beforeAll(async () => {
  harness = await ordersHandlerHarness('orders-payment-events-pact', () => CHARGE_STARTED_AT);
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

/** The payload fields every payment event shares. */
function paymentFields(paymentId: string, orderId: string, attempts: number) {
  return {
    paymentId: uuid(paymentId),
    orderId: uuid(orderId),
    customerId: uuid(CUSTOMER_ID),
    amount: { amount: integer(2598), currency: currency() },
    attempts: integer(attempts),
  };
}

describe('orders consuming payment events', () => {
  it('moves a charging order on to the commit when its payment succeeded', async () => {
    const orderId = '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c01';
    const paymentId = '2b7d9f1e-4c6a-4e8b-9d0f-1a2b3c4d5f01';
    await charging(harness.deps, { orderId, customerId: CUSTOMER_ID });
    await pact
      .addAsynchronousInteraction()
      .given('the payment provider is available')
      .expectsToReceive(
        'an ecommerce.payment.payment.succeeded.v1 event for a charged order',
        (message) =>
          message.withJSONContent(
            envelopeLike({
              eventId: 'c0a80101-0000-4000-8000-0000000000c1',
              eventType: 'ecommerce.payment.payment.succeeded.v1',
              producer: 'payment',
              partitionKey: orderId,
              occurredAt: '2026-11-23T10:31:00.000Z',
              payload: {
                ...paymentFields(paymentId, orderId, 1),
                succeededAt: instant('2026-11-23T10:31:00.000Z'),
              },
            }),
          ),
      )
      .executeTest(async (message) => {
        expect(await harness.deliver(message.contents.content)).toBe(true);
        const order = await loadOrder(harness.database.pool, orderId);
        expect({ step: order?.step, payment: order?.payment }).toEqual({
          step: 'COMMITTING',
          payment: {
            paymentId,
            status: 'SUCCEEDED',
            paidAt: CHARGE_STARTED_AT.toISOString(),
            declineCode: null,
          },
        });
      });
  });

  it('sends a charging order back to awaiting payment when its charge was declined', async () => {
    const orderId = '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c02';
    const paymentId = '2b7d9f1e-4c6a-4e8b-9d0f-1a2b3c4d5f02';
    await charging(harness.deps, { orderId, customerId: CUSTOMER_ID });
    await pact
      .addAsynchronousInteraction()
      .given('the payment provider declines')
      .expectsToReceive(
        'an ecommerce.payment.payment.failed.v1 event for a declined charge',
        (message) =>
          message.withJSONContent(
            envelopeLike({
              eventId: 'c0a80101-0000-4000-8000-0000000000c2',
              eventType: 'ecommerce.payment.payment.failed.v1',
              producer: 'payment',
              partitionKey: orderId,
              occurredAt: '2026-11-23T10:35:00.000Z',
              payload: {
                ...paymentFields(paymentId, orderId, 1),
                reason: equal('DECLINED'),
                declineCode: like('card_declined'),
                failedAt: instant('2026-11-23T10:35:00.000Z'),
              },
            }),
          ),
      )
      .executeTest(async (message) => {
        expect(await harness.deliver(message.contents.content)).toBe(true);
        const order = await loadOrder(harness.database.pool, orderId);
        expect({ step: order?.step, charge: order?.charge, payment: order?.payment }).toEqual({
          step: 'AWAITING_PAYMENT',
          charge: null,
          payment: { paymentId, status: 'FAILED', paidAt: null, declineCode: 'card_declined' },
        });
      });
  });

  it('sends a charging order back to awaiting payment when the provider could not be reached', async () => {
    const orderId = '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c03';
    const paymentId = '2b7d9f1e-4c6a-4e8b-9d0f-1a2b3c4d5f03';
    await charging(harness.deps, { orderId, customerId: CUSTOMER_ID });
    await pact
      .addAsynchronousInteraction()
      .given('the payment provider is unavailable')
      .expectsToReceive(
        'an ecommerce.payment.payment.failed.v1 event for a charge the provider could not take',
        (message) =>
          message.withJSONContent(
            envelopeLike({
              eventId: 'c0a80101-0000-4000-8000-0000000000c3',
              eventType: 'ecommerce.payment.payment.failed.v1',
              producer: 'payment',
              partitionKey: orderId,
              occurredAt: '2026-11-23T10:35:00.000Z',
              payload: {
                ...paymentFields(paymentId, orderId, 5),
                reason: equal('PROVIDER_UNAVAILABLE'),
                declineCode: null,
                failedAt: instant('2026-11-23T10:35:00.000Z'),
              },
            }),
          ),
      )
      .executeTest(async (message) => {
        expect(await harness.deliver(message.contents.content)).toBe(true);
        const order = await loadOrder(harness.database.pool, orderId);
        // Nothing was charged: the order awaits payment again, with no payment recorded.
        expect({ step: order?.step, charge: order?.charge, payment: order?.payment }).toEqual({
          step: 'AWAITING_PAYMENT',
          charge: null,
          payment: null,
        });
      });
  });
});
