/**
 * What cart needs from catalog's events (provider `catalog-events`): a price.changed message the
 * cart's real handler uses to reprice the product in the carts holding it, and a
 * product.deleted message that takes the product out of them. Key principle: the handlers read
 * productId, newPrice and validFrom (price) and productId (deletion); the other required fields
 * are matched by type because the consumer validates the whole message against its schema.
 */
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing/index';
import { pactFileOptions } from '../../../../tests/pact/pact-config';
import { CART_MIGRATIONS_DIR } from '../../src/service';
import { deliverToCart } from '../support/cart-handler-harness';
import { catalogRead, readCart, seedCartLine } from '../support/cart-fixtures';
import { envelopeLike, instant } from '../../../../tests/pact/envelope-matchers';

const { integer, regex, uuid } = MatchersV3;

const SKU = regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, 'MUG-BLUE-01');
const CURRENCY = regex(/^[A-Z]{3}$/, 'USD');

const pact = new PactV4({ consumer: 'cart', provider: 'catalog-events', ...pactFileOptions });

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase('cart-catalog-events-pact', {
    serviceMigrationsDir: CART_MIGRATIONS_DIR,
  });
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

describe('cart consuming catalog events', () => {
  it('shows the new price of a product in a cart holding it', async () => {
    const productId = '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70';
    const userId = '7b4e2d1c-9a8f-4e6d-b5c4-3a2f1e0d9c8b';
    await seedCartLine(database.pool, userId, catalogRead({ productId }), 2);

    await pact
      .addAsynchronousInteraction()
      .given('product {productId} exists with price {amount} {currency}', {
        productId,
        amount: 1299,
        currency: 'USD',
      })
      .expectsToReceive('an ecommerce.product.price.changed.v1 event for a new price', (message) =>
        message.withJSONContent(
          envelopeLike({
            eventId: 'c0a80101-0000-4000-8000-000000000002',
            eventType: 'ecommerce.product.price.changed.v1',
            producer: 'catalog',
            partitionKey: productId,
            payload: {
              productId: uuid(productId),
              sku: SKU,
              previousPrice: { amount: integer(1299), currency: CURRENCY },
              newPrice: { amount: integer(1099), currency: CURRENCY },
              validFrom: instant('2026-11-20T16:30:00.000Z'),
            },
          }),
        ),
      )
      .executeTest(async (message) => {
        expect(await deliverToCart(database.pool, message.contents.content)).toBe(true);
        const { cart } = await readCart(database.pool, userId);
        expect(cart.line(productId)?.unitPrice).toEqual({ amount: 1099, currency: 'USD' });
        expect(cart.total).toEqual({ amount: 2198, currency: 'USD' });
      });
  });

  it('takes a deleted product out of a cart holding it', async () => {
    const productId = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
    const userId = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
    await seedCartLine(database.pool, userId, catalogRead({ productId, sku: 'TEA-GREEN-250' }), 3);

    await pact
      .addAsynchronousInteraction()
      .given('product {productId} exists with price {amount} {currency}', {
        productId,
        amount: 1299,
        currency: 'USD',
      })
      .expectsToReceive(
        'an ecommerce.product.product.deleted.v1 event for a deleted product',
        (message) =>
          message.withJSONContent(
            envelopeLike({
              eventId: 'c0a80101-0000-4000-8000-000000000003',
              eventType: 'ecommerce.product.product.deleted.v1',
              producer: 'catalog',
              partitionKey: productId,
              payload: {
                productId: uuid(productId),
                sku: SKU,
                deletedAt: instant('2026-11-22T08:00:00.000Z'),
              },
            }),
          ),
      )
      .executeTest(async (message) => {
        expect(await deliverToCart(database.pool, message.contents.content)).toBe(true);
        const { cart } = await readCart(database.pool, userId);
        expect(cart.line(productId)).toBeUndefined();
      });
  });
});
