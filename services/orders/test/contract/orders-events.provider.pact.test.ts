/**
 * Verifies every pact whose provider is `orders-events` (cart's, catalog's and orders' own read
 * model's) against messages orders really produces: each provider state brings an order to its
 * status through orders' real unit of work on a test database, each message provider runs the
 * command that emits the event (placing an order, fulfilling it, a customer's cancellation with
 * its stock released), and the event that transaction appended to the outbox
 * (use-cases/order-transaction.ts with public-order-events.ts) is what the consumer's expectations
 * are checked against. order.paid is emitted by the state itself: "is paid" is only true once the
 * commit that publishes it has run.
 */
import { randomUUID } from 'node:crypto';
import { Verifier } from '@pact-foundation/pact';
import type { EventEnvelope, EventType } from '@bazaar/generated/events/types';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing/index';
import { checkedStateHandlers } from '../../../../tests/pact/checked-states';
import { pactSource } from '../../../../tests/pact/pact-config';
import { pactFilesFor } from '../../../../tests/pact/pact-files';
import { ORDERS_MIGRATIONS_DIR } from '../../src/service';
import { ordersProviderStates } from './provider-states';
import {
  CONTRACT_TEST_LEASES,
  canceledByCustomer,
  fulfilled,
  placed,
  type OrderScenarioDeps,
} from './support/order-scenarios';

const PROVIDER = 'orders-events';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase('orders-events-pact', {
    serviceMigrationsDir: ORDERS_MIGRATIONS_DIR,
  });
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

/** The newest event of `eventType` orders wrote about `orderId` (its partition key). */
async function lastOutboxEvent(eventType: EventType, orderId: string): Promise<EventEnvelope> {
  const { rows } = await database.pool.query<{ message: EventEnvelope }>(
    `SELECT message FROM platform.outbox WHERE event_type = $1 AND partition_key = $2
      ORDER BY position DESC LIMIT 1`,
    [eventType, orderId],
  );
  if (!rows[0]) throw new Error(`orders wrote no ${eventType} for ${orderId}`);
  return rows[0].message;
}

describe('orders as the producer of order events', () => {
  it('produces the messages its consumers expect', async () => {
    const deps: OrderScenarioDeps = {
      pool: database.pool,
      clock: () => new Date(),
      leases: CONTRACT_TEST_LEASES,
    };
    const states = ordersProviderStates(deps);
    const checked = checkedStateHandlers(states.stateHandlers);

    /** Places a new order for the customer the last state named. */
    async function placeOrder(): Promise<EventEnvelope> {
      const { customerId, fromCart } = states.lastPlacement();
      const orderId = randomUUID();
      await placed(deps, { orderId, customerId, fromCart });
      return lastOutboxEvent('ecommerce.order.order.created.v1', orderId);
    }

    try {
      await new Verifier({
        provider: PROVIDER,
        ...pactSource(PROVIDER, () =>
          pactFilesFor(PROVIDER, { consumers: ['cart', 'catalog', 'orders'] }),
        ),
        stateHandlers: checked.stateHandlers,
        // Keyed by the consumers' `expectsToReceive` sentences, as Pact message verification requires.
        messageProviders: {
          'an ecommerce.order.order.created.v1 event for an order placed from the cart': placeOrder,
          'an ecommerce.order.order.created.v1 event for a new order': placeOrder,
          'an ecommerce.order.order.paid.v1 event for a paid order': () =>
            lastOutboxEvent('ecommerce.order.order.paid.v1', states.lastOrder().orderId),
          'an ecommerce.order.order.fulfilled.v1 event for a fulfilled order': async () => {
            const { orderId } = await fulfilled(deps, states.lastOrder().orderId);
            return lastOutboxEvent('ecommerce.order.order.fulfilled.v1', orderId);
          },
          'an ecommerce.order.order.canceled.v1 event for an order its customer canceled':
            async () => {
              const { orderId } = await canceledByCustomer(deps, states.lastOrder().orderId);
              return lastOutboxEvent('ecommerce.order.order.canceled.v1', orderId);
            },
        },
        logLevel: (process.env['PACT_LOG_LEVEL'] ?? 'warn') as 'warn',
      }).verifyProvider();
    } finally {
      // A state that was not set up may have let an interaction pass: it fails the test too.
      checked.assertAllSetUp();
    }
  }, 180_000);
});
