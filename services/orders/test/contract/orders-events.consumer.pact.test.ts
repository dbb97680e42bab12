/**
 * What orders' read model needs from orders' own events (provider `orders-events`, consumed from
 * RabbitMQ like anyone else's): order.created, paid, fulfilled and canceled, handed to the real
 * projection (src/event-handlers/orders-by-customer.projection.ts), which inserts the customer's
 * order summary and moves its status forward. Key principle: the projection reads the ids, the
 * items' quantities, the total and the instants; the other required fields are matched by type
 * because orders validates the whole message against its schema.
 *
 * The descriptions and states of order.paid are the catalog's (the same message serves both).
 */
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { pactFileOptions } from '../../../../tests/pact/pact-config';
import {
  advanceSummary,
  insertSummary,
  LIVE_TABLE,
} from '../../src/persistence/orders-by-customer.view';
import { currency, envelopeLike, instant, sku } from '../../../../tests/pact/envelope-matchers';
import { type OrdersHandlerHarness, ordersHandlerHarness } from './support/orders-handler-harness';

const { boolean, eachLike, integer, regex, string, uuid } = MatchersV3;

const CUSTOMER_ID = '7b4e2d1c-9a8f-4e6d-b5c4-3a2f1e0d9c8b';
const PRODUCT_ID = '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70';
const PLACED_AT = new Date('2026-11-23T10:30:00.000Z');

const pact = new PactV4({ consumer: 'orders', provider: 'orders-events', ...pactFileOptions });

let harness: OrdersHandlerHarness;

beforeAll(async () => {
  harness = await ordersHandlerHarness('orders-orders-events-pact');
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

const money = (amount: number) => ({ amount: integer(amount), currency: currency() });

/** What listMyOrders shows of an order. */
async function summary(orderId: string) {
  const { rows } = await harness.database.pool.query<{
    customer_id: string;
    status: string;
    step: string;
    item_count: number;
    total_amount: string;
    total_currency: string;
    created_at: Date;
  }>(
    `SELECT customer_id, status, step, item_count, total_amount, total_currency, created_at
       FROM orders_by_customer WHERE order_id = $1`,
    [orderId],
  );
  return rows[0];
}

/** The summary a handled order.created left (then moved to `status` when not PENDING). */
async function seedSummary(orderId: string, status: 'PENDING' | 'PAID'): Promise<void> {
  await insertSummary(harness.database.pool, LIVE_TABLE, {
    orderId,
    customerId: CUSTOMER_ID,
    status: 'PENDING',
    step: 'AWAITING_PAYMENT',
    itemCount: 2,
    total: { amount: 2598, currency: 'USD' },
    createdAt: PLACED_AT,
    updatedAt: PLACED_AT,
  });
  if (status === 'PAID')
    await advanceSummary(harness.database.pool, LIVE_TABLE, {
      orderId,
      status: 'PAID',
      step: 'COMPLETED',
      updatedAt: PLACED_AT,
    });
}

describe('orders’ read model consuming orders events', () => {
  it('lists a new order as pending, with its units and total', async () => {
    const orderId = '8c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e01';
    await pact
      .addAsynchronousInteraction()
      .given('customer {customerId} places an order', { customerId: CUSTOMER_ID })
      .expectsToReceive('an ecommerce.order.order.created.v1 event for a new order', (message) =>
        message.withJSONContent(
          envelopeLike({
            eventId: 'c0a80101-0000-4000-8000-0000000000d1',
            eventType: 'ecommerce.order.order.created.v1',
            producer: 'orders',
            partitionKey: orderId,
            occurredAt: PLACED_AT.toISOString(),
            payload: {
              orderId: uuid(orderId),
              customerId: uuid(CUSTOMER_ID),
              items: eachLike({
                productId: uuid(PRODUCT_ID),
                sku: sku('MUG-BLUE-01'),
                name: string('Blue ceramic mug'),
                quantity: integer(2),
                unitPrice: money(1299),
                lineTotal: money(2598),
              }),
              total: money(2598),
              fromCart: boolean(false),
              createdAt: instant(PLACED_AT.toISOString()),
            },
          }),
        ),
      )
      .executeTest(async (message) => {
        expect(await harness.deliver(message.contents.content)).toBe(true);
        expect(await summary(orderId)).toEqual({
          customer_id: CUSTOMER_ID,
          status: 'PENDING',
          step: 'AWAITING_PAYMENT',
          item_count: 2,
          total_amount: '2598',
          total_currency: 'USD',
          created_at: PLACED_AT,
        });
      });
  });

  it('lists a paid order as paid', async () => {
    const orderId = '8c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e02';
    await seedSummary(orderId, 'PENDING');
    await pact
      .addAsynchronousInteraction()
      .given('order {orderId} of customer {customerId} is paid', {
        orderId,
        customerId: CUSTOMER_ID,
      })
      .expectsToReceive('an ecommerce.order.order.paid.v1 event for a paid order', (message) =>
        message.withJSONContent(
          envelopeLike({
            eventId: 'c0a80101-0000-4000-8000-0000000000d2',
            eventType: 'ecommerce.order.order.paid.v1',
            producer: 'orders',
            partitionKey: orderId,
            occurredAt: '2026-11-23T10:35:00.000Z',
            payload: {
              orderId: uuid(orderId),
              customerId: uuid(CUSTOMER_ID),
              paymentId: uuid('9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a'),
              amount: money(2598),
              items: eachLike({ productId: uuid(PRODUCT_ID), quantity: integer(2) }),
              paidAt: instant('2026-11-23T10:35:00.000Z'),
            },
          }),
        ),
      )
      .executeTest(async (message) => {
        expect(await harness.deliver(message.contents.content)).toBe(true);
        expect(await summary(orderId)).toMatchObject({ status: 'PAID', step: 'COMPLETED' });
      });
  });

  it('lists a fulfilled order as fulfilled', async () => {
    const orderId = '8c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e03';
    await seedSummary(orderId, 'PAID');
    await pact
      .addAsynchronousInteraction()
      .given('order {orderId} of customer {customerId} is paid', {
        orderId,
        customerId: CUSTOMER_ID,
      })
      .expectsToReceive(
        'an ecommerce.order.order.fulfilled.v1 event for a fulfilled order',
        (message) =>
          message.withJSONContent(
            envelopeLike({
              eventId: 'c0a80101-0000-4000-8000-0000000000d3',
              eventType: 'ecommerce.order.order.fulfilled.v1',
              producer: 'orders',
              partitionKey: orderId,
              occurredAt: '2026-11-24T09:00:00.000Z',
              payload: {
                orderId: uuid(orderId),
                customerId: uuid(CUSTOMER_ID),
                fulfilledAt: instant('2026-11-24T09:00:00.000Z'),
              },
            }),
          ),
      )
      .executeTest(async (message) => {
        expect(await harness.deliver(message.contents.content)).toBe(true);
        expect(await summary(orderId)).toMatchObject({ status: 'FULFILLED', step: 'COMPLETED' });
      });
  });

  it('lists a canceled order as canceled and closed', async () => {
    const orderId = '8c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e04';
    await seedSummary(orderId, 'PENDING');
    await pact
      .addAsynchronousInteraction()
      .given('order {orderId} of customer {customerId} awaits payment', {
        orderId,
        customerId: CUSTOMER_ID,
      })
      .expectsToReceive(
        'an ecommerce.order.order.canceled.v1 event for an order its customer canceled',
        (message) =>
          message.withJSONContent(
            envelopeLike({
              eventId: 'c0a80101-0000-4000-8000-0000000000d4',
              eventType: 'ecommerce.order.order.canceled.v1',
              producer: 'orders',
              partitionKey: orderId,
              occurredAt: '2026-11-23T10:40:00.000Z',
              payload: {
                orderId: uuid(orderId),
                customerId: uuid(CUSTOMER_ID),
                reason: regex(
                  /^(CUSTOMER_REQUEST|OUT_OF_STOCK|RESERVATION_EXPIRED|ADMIN)$/,
                  'CUSTOMER_REQUEST',
                ),
                previousStatus: regex(/^(PENDING|PAID)$/, 'PENDING'),
                refunded: boolean(false),
                items: eachLike({ productId: uuid(PRODUCT_ID), quantity: integer(2) }),
                canceledAt: instant('2026-11-23T10:40:00.000Z'),
              },
            }),
          ),
      )
      .executeTest(async (message) => {
        expect(await harness.deliver(message.contents.content)).toBe(true);
        expect(await summary(orderId)).toMatchObject({ status: 'CANCELED', step: 'CLOSED' });
      });
  });
});
