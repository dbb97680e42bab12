/**
 * Verifies every pact whose provider is `inventory-events` (today: catalog's) against messages
 * inventory really produces: each provider state seeds stock through the real use cases, each
 * message provider runs the use case that emits the event (an admin restock, a reservation taking
 * the last units, a canceled order's release, a sale emptying the shelf) against a test database,
 * and the event it appended to the outbox is what the consumer's expectations are checked against.
 */
import { Verifier } from '@pact-foundation/pact';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing/index';
import { checkedStateHandlers } from '../../../../tests/pact/checked-states';
import { pactSource } from '../../../../tests/pact/pact-config';
import { pactFilesFor } from '../../../../tests/pact/pact-files';
import { INVENTORY_MIGRATIONS_DIR } from '../../src/service';
import { adjustStock } from '../../src/use-cases/adjust-stock.use-case';
import { releaseStock } from '../../src/use-cases/release-stock.use-case';
import { reserveStock } from '../../src/use-cases/reserve-stock.use-case';
import type { UseCaseDeps } from '../../src/use-cases/use-case-deps';
import { inventoryProviderStates, newOrderId } from './provider-states';
import { lastOutboxEvent } from '../../../../tests/pact/outbox-reader';

const PROVIDER = 'inventory-events';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase('inventory-events-pact', {
    serviceMigrationsDir: INVENTORY_MIGRATIONS_DIR,
  });
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

describe('inventory as the producer of stock events', () => {
  it('produces the messages its consumers expect', async () => {
    const deps: UseCaseDeps = { pool: database.pool, clock: () => new Date() };
    const states = inventoryProviderStates(deps);

    /** Reserves every available unit of the seeded product for a new order. */
    async function reserveAllAvailable(): Promise<{ orderId: string; productId: string }> {
      const { productId, available } = states.lastSeeded();
      const orderId = newOrderId();
      const result = await reserveStock(deps, {
        orderId,
        items: [{ productId, quantity: available }],
        ttlMs: 15 * 60_000,
      });
      if (result.outcome !== 'RESERVED') throw new Error(`reservation: ${result.outcome}`);
      return { orderId, productId };
    }

    const checked = checkedStateHandlers(states.stateHandlers);
    try {
      await new Verifier({
        provider: PROVIDER,
        ...pactSource(PROVIDER, () => pactFilesFor(PROVIDER, { consumers: ['catalog'] })),
        stateHandlers: checked.stateHandlers,
        // Keyed by the consumers' `expectsToReceive` sentences, as Pact message verification requires.
        messageProviders: {
          'an ecommerce.inventory.stock.adjusted.v1 event for a restock': async () => {
            const { productId } = states.lastSeeded();
            const result = await adjustStock(deps, {
              target: { productId },
              delta: 12,
              reason: 'RESTOCK',
              note: null,
              source: 'ADMIN',
            });
            if (result.kind !== 'applied') throw new Error(`adjustment: ${result.kind}`);
            return lastOutboxEvent(
              database.pool,
              'ecommerce.inventory.stock.adjusted.v1',
              productId,
            );
          },
          'an ecommerce.inventory.stock.reserved.v1 event for an order taking the last units':
            async () => {
              const { orderId } = await reserveAllAvailable();
              return lastOutboxEvent(
                database.pool,
                'ecommerce.inventory.stock.reserved.v1',
                orderId,
              );
            },
          'an ecommerce.inventory.stock.released.v1 event for a canceled order': async () => {
            const { orderId } = states.lastSeeded();
            if (!orderId) throw new Error('the state seeded no order');
            const result = await releaseStock(deps, { orderId, reason: 'ORDER_CANCELED' });
            if (result.outcome !== 'RELEASED') throw new Error(`release: ${result.outcome}`);
            return lastOutboxEvent(database.pool, 'ecommerce.inventory.stock.released.v1', orderId);
          },
          'an ecommerce.inventory.stock.depleted.v1 event for a product that sold out':
            async () => {
              const { productId } = await reserveAllAvailable();
              return lastOutboxEvent(
                database.pool,
                'ecommerce.inventory.stock.depleted.v1',
                productId,
              );
            },
        },
        logLevel: (process.env['PACT_LOG_LEVEL'] ?? 'warn') as 'warn',
      }).verifyProvider();
    } finally {
      // A state that was not set up may have let an interaction pass: it fails the test too.
      checked.assertAllSetUp();
    }
  }, 120_000);
});
