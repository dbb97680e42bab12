/**
 * Verifies every pact whose provider is `inventory-grpc` (today: orders') against inventory's real
 * gRPC server: the whole service started in this process as its integration suites start it (its
 * own PostgreSQL database, exchange, MQTT client and free ports), each provider state seeded
 * through the real use cases (provider-states.ts).
 *
 * The pacts are Pact V4 synchronous messages with JSON bodies, because the pact-protobuf-plugin
 * is downloaded at run time, which this build cannot do. Each interaction's request is the rpc's
 * message in the generated types' form (see services/orders/test/contract/
 * inventory.consumer.pact.test.ts); the message provider for its description sends it through
 * the generated gRPC client over a real channel to the real server, and hands the decoded response
 * back to Pact, which checks it against the consumer's matchers. A gRPC error fails the
 * interaction.
 */
import { type MessageDescriptor, Verifier } from '@pact-foundation/pact';
import type { InventoryServiceCalls } from '@bazaar/generated/grpc/inventory/v1/inventory';
import { checkedStateHandlers } from '../../../../tests/pact/checked-states';
import { pactSource } from '../../../../tests/pact/pact-config';
import { pactFilesFor } from '../../../../tests/pact/pact-files';
import { type InventoryHarness, startInventory } from '../integration/support/inventory-harness';
import { inventoryProviderStates } from './provider-states';

const PROVIDER = 'inventory-grpc';

let inventory: InventoryHarness;

beforeAll(async () => {
  inventory = await startInventory('grpc-pact');
}, 60_000);

afterAll(async () => {
  await inventory?.stop();
}, 60_000);

/** The synchronous message's request as JSON (Pact hands JSON content over parsed, or as bytes). */
function requestOf(message: MessageDescriptor): unknown {
  const content = message.content;
  if (content === undefined) throw new Error(`"${message.description}" has no request`);
  return Buffer.isBuffer(content) ? JSON.parse(content.toString('utf8')) : content;
}

/**
 * A message provider that calls `rpc` on the real server with the interaction's request. Pact
 * reports a failed message provider as a bare "status 500", so the gRPC error is printed here.
 */
function viaGrpc(rpc: keyof InventoryServiceCalls) {
  return async (message: MessageDescriptor): Promise<unknown> => {
    try {
      return await inventory.grpc[rpc](requestOf(message) as never);
    } catch (error) {
      console.error(`"${message.description}": ${rpc} failed: ${(error as Error).message}`);
      throw error;
    }
  };
}

describe('inventory as the provider of its gRPC InventoryService', () => {
  it('answers every rpc its consumers expect', async () => {
    const states = checkedStateHandlers(
      inventoryProviderStates(inventory.parts.deps).stateHandlers,
    );
    try {
      await new Verifier({
        provider: PROVIDER,
        ...pactSource(PROVIDER, () => pactFilesFor(PROVIDER, { consumers: ['orders'] })),
        stateHandlers: states.stateHandlers,
        // Keyed by the consumers' interaction descriptions, each naming the rpc it calls.
        messageProviders: {
          'a ReserveStock request for units in stock': viaGrpc('reserveStock'),
          'a ReserveStock request for more units than are available': viaGrpc('reserveStock'),
          'a ReleaseStock request for a canceled order': viaGrpc('releaseStock'),
          'a CommitReservation request for a paid order': viaGrpc('commitReservation'),
          'a CommitReservation request for a released reservation': viaGrpc('commitReservation'),
        },
        logLevel: (process.env['PACT_LOG_LEVEL'] ?? 'warn') as 'warn',
      }).verifyProvider();
    } finally {
      // A state that was not set up may have let an interaction pass: it fails the test too.
      states.assertAllSetUp();
    }
  }, 180_000);
});
