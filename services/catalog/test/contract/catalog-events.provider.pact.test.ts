/**
 * Verifies every pact whose provider is `catalog-events` (cart's and inventory's) against messages the
 * catalog really produces: each provider state seeds a product through the real use case, each
 * message provider runs the use case that emits the event (a price change, a withdrawal) against
 * a test database, and the event it appended to the outbox is what the consumer's expectations
 * are checked against.
 */
import { Verifier } from '@pact-foundation/pact';
import type { EventType } from '@bazaar/generated/events/types';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing/index';
import { checkedStateHandlers } from '../../../../tests/pact/checked-states';
import { pactSource } from '../../../../tests/pact/pact-config';
import { pactFilesFor } from '../../../../tests/pact/pact-files';
import type { ProductCache } from '../../src/persistence/product-cache';
import { CATALOG_MIGRATIONS_DIR } from '../../src/service';
import type { CatalogDeps } from '../../src/use-cases/catalog-deps';
import { createProduct } from '../../src/use-cases/create-product';
import { deleteProduct } from '../../src/use-cases/delete-product';
import { updateProduct } from '../../src/use-cases/update-product';
import { outboxEvents } from '../support/outbox-reader';
import { catalogProviderStates } from './provider-states';

const PROVIDER = 'catalog-events';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase('catalog-events-pact', {
    serviceMigrationsDir: CATALOG_MIGRATIONS_DIR,
  });
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

describe('catalog as the producer of catalog events', () => {
  it('produces the messages its consumers expect', async () => {
    const deps: CatalogDeps = {
      pool: database.pool,
      // Producing events only writes; nothing here reads or evicts the cache.
      cache: undefined as unknown as ProductCache,
      clock: () => new Date(),
      newId: () => {
        throw new Error('each provider state chooses its own id');
      },
    };
    const states = catalogProviderStates(deps);

    /** The single newest event of `eventType` the catalog wrote about `productId`. */
    async function lastEvent(productId: string, eventType: EventType): Promise<unknown> {
      const events = await outboxEvents(database.pool, { partitionKey: productId, eventType });
      const event = events.at(-1);
      if (!event) throw new Error(`the catalog wrote no ${eventType} for ${productId}`);
      return event;
    }

    const checked = checkedStateHandlers(states.stateHandlers);
    try {
      await new Verifier({
        provider: PROVIDER,
        ...pactSource(PROVIDER, () => pactFilesFor(PROVIDER, { consumers: ['cart', 'inventory'] })),
        stateHandlers: checked.stateHandlers,
        // Keyed by the consumers' `expectsToReceive` sentences, as Pact message verification requires.
        messageProviders: {
          'an ecommerce.product.product.created.v1 event for a new product': async () => {
            const id = states.lastAbsent();
            await createProduct(
              { ...deps, newId: () => id },
              {
                sku: 'MUG-BLUE-01',
                name: 'Blue ceramic mug',
                description: '350 ml, dishwasher safe.',
                price: { amount: 1299, currency: 'USD' },
              },
            );
            return lastEvent(id, 'ecommerce.product.product.created.v1');
          },
          'an ecommerce.product.price.changed.v1 event for a new price': async () => {
            const { id, price } = states.lastSeeded();
            const amount = price.amount >= 200 ? price.amount - 200 : price.amount + 200;
            await updateProduct(deps, id, { price: { amount, currency: price.currency } });
            return lastEvent(id, 'ecommerce.product.price.changed.v1');
          },
          'an ecommerce.product.product.deleted.v1 event for a deleted product': async () => {
            const { id } = states.lastSeeded();
            await deleteProduct(deps, id);
            return lastEvent(id, 'ecommerce.product.product.deleted.v1');
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
