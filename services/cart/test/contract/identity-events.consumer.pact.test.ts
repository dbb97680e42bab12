/**
 * What cart needs from identity's events (provider `identity-events`): a user.registered message
 * the cart's real handler turns into the new user's empty cart. Key principle: the handler reads
 * only `payload.userId`; the other required fields are matched by type because the consumer
 * validates the whole message against the AsyncAPI schema before the handler runs.
 */
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing/index';
import { pactFileOptions } from '../../../../tests/pact/pact-config';
import { CART_MIGRATIONS_DIR } from '../../src/service';
import { deliverToCart } from '../support/cart-handler-harness';
import { cartExists, readCart } from '../support/cart-fixtures';
import { envelopeLike, instant } from '../../../../tests/pact/envelope-matchers';

const { eachLike, regex, string, uuid } = MatchersV3;

const USER_ID = '7b4e2d1c-9a8f-4e6d-b5c4-3a2f1e0d9c8b';

const pact = new PactV4({ consumer: 'cart', provider: 'identity-events', ...pactFileOptions });

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase('cart-identity-pact', {
    serviceMigrationsDir: CART_MIGRATIONS_DIR,
  });
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

describe('cart consuming identity events', () => {
  it('creates an empty cart for a newly registered user', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a customer registers')
      .expectsToReceive(
        'an ecommerce.identity.user.registered.v1 event for the new customer',
        (message) =>
          message.withJSONContent(
            envelopeLike({
              eventId: 'c0a80101-0000-4000-8000-000000000001',
              eventType: 'ecommerce.identity.user.registered.v1',
              producer: 'identity',
              partitionKey: USER_ID,
              payload: {
                userId: uuid(USER_ID),
                email: regex(/^[^@\s]+@[^@\s]+$/, 'ada@example.org'),
                displayName: string('Ada Lovelace'),
                roles: eachLike('customer'),
                registeredAt: instant('2026-11-23T10:15:30.000Z'),
              },
            }),
          ),
      )
      .executeTest(async (message) => {
        expect(await deliverToCart(database.pool, message.contents.content)).toBe(true);
        expect(await cartExists(database.pool, USER_ID)).toBe(true);
        const { cart, updatedAt } = await readCart(database.pool, USER_ID);
        expect({ items: cart.items, updatedAt }).toEqual({ items: [], updatedAt: null });
      });
  });
});
