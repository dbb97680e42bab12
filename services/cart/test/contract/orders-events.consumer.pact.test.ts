/**
 * What cart needs from orders' events (provider `orders-events`, verified by orders'
 * orders-events.provider.pact.test.ts): an order.created message for an order placed from the
 * cart, which the cart's real handler answers by emptying the customer's cart. Key principle: the
 * handler reads customerId and fromCart; the other required fields are matched by type because
 * the consumer validates the whole message against its schema.
 */
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing/index';
import { pactFileOptions } from '../../../../tests/pact/pact-config';
import { CART_MIGRATIONS_DIR } from '../../src/service';
import { deliverToCart } from '../support/cart-handler-harness';
import { catalogRead, outboxEvents, readCart, seedCartLine } from '../support/cart-fixtures';
import { envelopeLike, instant } from '../../../../tests/pact/envelope-matchers';

const { eachLike, equal, integer, regex, string, uuid } = MatchersV3;

const CUSTOMER_ID = '7b4e2d1c-9a8f-4e6d-b5c4-3a2f1e0d9c8b';
const ORDER_ID = '8c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f';
const PRODUCT_ID = '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70';
const CURRENCY = regex(/^[A-Z]{3}$/, 'USD');

const pact = new PactV4({ consumer: 'cart', provider: 'orders-events', ...pactFileOptions });

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase('cart-orders-events-pact', {
    serviceMigrationsDir: CART_MIGRATIONS_DIR,
  });
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

describe('cart consuming orders events', () => {
  it('empties the cart an order was placed from', async () => {
    await seedCartLine(database.pool, CUSTOMER_ID, catalogRead({ productId: PRODUCT_ID }), 2);

    await pact
      .addAsynchronousInteraction()
      .given('customer {customerId} places an order from their cart', { customerId: CUSTOMER_ID })
      .expectsToReceive(
        'an ecommerce.order.order.created.v1 event for an order placed from the cart',
        (message) =>
          message.withJSONContent(
            envelopeLike({
              eventId: 'c0a80101-0000-4000-8000-000000000004',
              eventType: 'ecommerce.order.order.created.v1',
              producer: 'orders',
              partitionKey: ORDER_ID,
              payload: {
                orderId: uuid(ORDER_ID),
                customerId: uuid(CUSTOMER_ID),
                items: eachLike({
                  productId: uuid(PRODUCT_ID),
                  sku: regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, 'MUG-BLUE-01'),
                  name: string('Blue ceramic mug'),
                  quantity: integer(2),
                  unitPrice: { amount: integer(1299), currency: CURRENCY },
                  lineTotal: { amount: integer(2598), currency: CURRENCY },
                }),
                total: { amount: integer(2598), currency: CURRENCY },
                fromCart: equal(true),
                createdAt: instant('2026-11-23T10:30:00.000Z'),
              },
            }),
          ),
      )
      .executeTest(async (message) => {
        expect(await deliverToCart(database.pool, message.contents.content)).toBe(true);
        const { cart } = await readCart(database.pool, CUSTOMER_ID);
        expect(cart.items).toEqual([]);
        const cleared = await outboxEvents(database.pool, 'ecommerce.cart.cart.cleared.v1');
        expect(cleared.map((event) => event.payload)).toEqual([
          { userId: CUSTOMER_ID, reason: 'ORDER_PLACED' },
        ]);
      });
  });
});
