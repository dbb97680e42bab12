/**
 * Verifies every pact whose provider is `catalog` (today: cart's) against the real catalog
 * service: started with startService on an ephemeral port with its own database, exchange and
 * Redis prefix, its database seeded for each provider state by provider-states.ts.
 */
import { Verifier } from '@pact-foundation/pact';
import { checkedStateHandlers } from '../../../../tests/pact/checked-states';
import { pactSource } from '../../../../tests/pact/pact-config';
import { pactFilesFor } from '../../../../tests/pact/pact-files';
import { type ProductCache } from '../../src/persistence/product-cache';
import { type CatalogHarness, startCatalog } from '../support/catalog-harness';
import { catalogProviderStates } from './provider-states';

const PROVIDER = 'catalog';

let catalog: CatalogHarness;

beforeAll(async () => {
  catalog = await startCatalog('catalog-http-pact');
}, 60_000);

afterAll(async () => {
  await catalog?.stop();
}, 60_000);

describe('catalog as the provider of its REST API', () => {
  it('answers every request its consumers expect', async () => {
    const { stateHandlers } = catalogProviderStates(
      {
        pool: catalog.database.pool,
        // State seeding only writes (the HTTP write path never touches the cache).
        cache: undefined as unknown as ProductCache,
        clock: () => new Date(),
        newId: () => {
          throw new Error('each state chooses its own id');
        },
      },
      {
        forgetCached: async (id) =>
          void (await catalog.redis.del(`${catalog.keyPrefix}product:${id}`)),
      },
    );
    const checked = checkedStateHandlers(stateHandlers);
    try {
      await new Verifier({
        provider: PROVIDER,
        providerBaseUrl: catalog.url,
        ...pactSource(PROVIDER, () => pactFilesFor(PROVIDER, { consumers: ['cart'] })),
        stateHandlers: checked.stateHandlers,
        logLevel: (process.env['PACT_LOG_LEVEL'] ?? 'warn') as 'warn',
      }).verifyProvider();
    } finally {
      // A state that was not set up may have let an interaction pass: it fails the test too.
      checked.assertAllSetUp();
    }
  }, 120_000);
});
