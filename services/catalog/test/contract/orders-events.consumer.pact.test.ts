/**
 * What the catalog needs from orders' events (provider `orders-events`, verified by orders'
 * orders-events.provider.pact.test.ts): an order.paid message, handed to the catalog's real
 * handler, which adds each line's quantity to the product's salesCount exactly once. Key
 * principle: the handler reads the items' productId and quantity; the other required fields are
 * matched by type because the catalog validates the whole message against its schema.
 */
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { pactFileOptions } from '../../../../tests/pact/pact-config';
import { createProduct } from '../../src/use-cases/create-product';
import {
  type CatalogHandlerHarness,
  catalogHandlerHarness,
} from './support/catalog-handler-harness';
import { envelopeLike, instant } from '../../../../tests/pact/envelope-matchers';

const { eachLike, integer, regex, uuid } = MatchersV3;

const ORDER_ID = '8c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f';
const CUSTOMER_ID = '7b4e2d1c-9a8f-4e6d-b5c4-3a2f1e0d9c8b';
const PRODUCT_ID = '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70';
const CURRENCY = regex(/^[A-Z]{3}$/, 'USD');

const pact = new PactV4({ consumer: 'catalog', provider: 'orders-events', ...pactFileOptions });

let harness: CatalogHandlerHarness;

beforeAll(async () => {
  harness = await catalogHandlerHarness('catalog-orders-events-pact');
  await createProduct(
    { ...harness.deps, newId: () => PRODUCT_ID },
    { sku: 'MUG-BLUE-01', name: 'Blue ceramic mug', price: { amount: 1299, currency: 'USD' } },
  );
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

async function salesCount(): Promise<number> {
  const result = await harness.database.pool.query<{ sales_count: string }>(
    'SELECT sales_count FROM products WHERE id = $1',
    [PRODUCT_ID],
  );
  return Number(result.rows[0]!.sales_count);
}

describe('catalog consuming orders events', () => {
  it('counts the units of a paid order in the sales of its products, once', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('order {orderId} of customer {customerId} is paid', {
        orderId: ORDER_ID,
        customerId: CUSTOMER_ID,
      })
      .expectsToReceive('an ecommerce.order.order.paid.v1 event for a paid order', (message) =>
        message.withJSONContent(
          envelopeLike({
            eventId: 'c0a80101-0000-4000-8000-0000000000b1',
            eventType: 'ecommerce.order.order.paid.v1',
            producer: 'orders',
            partitionKey: ORDER_ID,
            occurredAt: '2026-11-23T10:35:00.000Z',
            payload: {
              orderId: uuid(ORDER_ID),
              customerId: uuid(CUSTOMER_ID),
              paymentId: uuid('9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a'),
              amount: { amount: integer(2598), currency: CURRENCY },
              items: eachLike({ productId: uuid(PRODUCT_ID), quantity: integer(2) }),
              paidAt: instant('2026-11-23T10:35:00.000Z'),
            },
          }),
        ),
      )
      .executeTest(async (message) => {
        expect(await harness.deliver(message.contents.content)).toBe(true);
        expect(await salesCount()).toBe(2);
        expect(await harness.deliver(message.contents.content)).toBe(false);
        expect(await salesCount()).toBe(2);
      });
  });
});
