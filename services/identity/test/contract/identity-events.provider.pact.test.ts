/**
 * Verifies every pact whose provider is `identity-events` (today: cart's) against messages
 * identity really produces: the registration use case runs against a test database and the
 * user.registered event it appended to the outbox is what the consumer's expectations are checked
 * against.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Verifier } from '@pact-foundation/pact';
import { createMetricsRegistry } from '@bazaar/platform/telemetry/index';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing/index';
import { checkedStateHandlers } from '../../../../tests/pact/checked-states';
import { pactSource } from '../../../../tests/pact/pact-config';
import { pactFilesFor } from '../../../../tests/pact/pact-files';
import { checkIdentitySettings, identityConfig } from '../../src/config';
import { createIdentityContext, IDENTITY_MIGRATIONS_DIR } from '../../src/service';
import { identityProviderStates } from './provider-states';

const PROVIDER = 'identity-events';
const USER_REGISTERED = 'ecommerce.identity.user.registered.v1';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase('identity-events-pact', {
    serviceMigrationsDir: IDENTITY_MIGRATIONS_DIR,
  });
}, 60_000);

afterAll(async () => {
  await database?.drop();
}, 60_000);

describe('identity as the producer of identity events', () => {
  it('produces the messages its consumers expect', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const config = identityConfig.load({ IDENTITY_JWT_PRIVATE_KEY: privateKey });
    const ctx = await createIdentityContext({
      config,
      settings: checkIdentitySettings(config),
      pool: database.pool,
      metrics: createMetricsRegistry({ service: 'identity', defaultMetrics: false }),
    });
    const { stateHandlers, produced } = identityProviderStates(ctx);

    const checked = checkedStateHandlers(stateHandlers);
    try {
      await new Verifier({
        provider: PROVIDER,
        ...pactSource(PROVIDER, () => pactFilesFor(PROVIDER, { consumers: ['cart'] })),
        stateHandlers: checked.stateHandlers,
        // Keyed by the consumer's `expectsToReceive` sentence, as Pact message verification requires.
        messageProviders: {
          'an ecommerce.identity.user.registered.v1 event for the new customer': async () =>
            produced.latest(USER_REGISTERED),
        },
        logLevel: (process.env['PACT_LOG_LEVEL'] ?? 'warn') as 'warn',
      }).verifyProvider();
    } finally {
      // A state that was not set up may have let an interaction pass: it fails the test too.
      checked.assertAllSetUp();
    }
  }, 120_000);
});
