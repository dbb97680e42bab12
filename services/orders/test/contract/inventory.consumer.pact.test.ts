/**
 * What orders needs from inventory's gRPC InventoryService (provider `inventory-grpc`):
 * ReserveStock (reserved, or out of stock with the shortages), ReleaseStock for a canceled order,
 * and CommitReservation for a paid order (committed, or lapsed when the reservation was released).
 *
 * Mechanism: Pact V4 synchronous message interactions with JSON bodies
 * (`addSynchronousInteraction` → `withRequest` / `withResponse`), not the pact-protobuf-plugin:
 * the plugin is downloaded from the internet when a test runs, which this build cannot do (and
 * must not depend on). Each body is the rpc's message in the form of the generated TypeScript
 * types (proto-loader: camelCase fields, enum names as strings, int64 as numbers, Timestamp and
 * Duration as `{ seconds, nanos }`), which is exactly what the generated client sends and returns
 * on both sides. The description names the rpc; the provider
 * (services/inventory/test/contract/inventory-grpc.provider.pact.test.ts) sends each request
 * through its real gRPC server and checks the response against these matchers.
 *
 * Pact does not check a synchronous message's request on the consumer side, so this test does:
 * orders' real InventoryGrpcClient (src/outbound/inventory.grpc-client.ts) calls a real gRPC
 * server that answers with the pact's response, and the request that server decoded must be the
 * pact's request. gRPC error statuses (NOT_FOUND, FAILED_PRECONDITION, UNAVAILABLE) have no JSON
 * body to put in a pact; orders' handling of them is covered by its integration suites.
 *
 * Key principle: only what orders reads is in each response, by type or by the set of values orders
 * treats alike (RESERVED and ALREADY_RESERVED are both a reservation).
 */
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { pactFileOptions } from '../../../../tests/pact/pact-config';
import { InventoryGrpcClient } from '../../src/outbound/inventory.grpc-client';
import {
  type InventoryReplayServer,
  type InventoryRpc,
  startInventoryReplayServer,
} from './support/inventory-replay-server';

const { eachLike, equal, integer, regex, uuid } = MatchersV3;

const pact = new PactV4({ consumer: 'orders', provider: 'inventory-grpc', ...pactFileOptions });

/** orders' default ORDERS_RESERVATION_TTL_SECONDS. */
const TTL_SECONDS = 900;
const EXPIRES_AT = '2026-11-23T10:45:00.000Z';

let replay: InventoryReplayServer;
let inventory: InventoryGrpcClient;

beforeAll(async () => {
  replay = await startInventoryReplayServer();
  // One generous attempt: the pact pins what one call looks like, on a machine that may be busy.
  inventory = new InventoryGrpcClient({
    address: replay.address,
    callDeadlineMs: 30_000,
    attempts: 1,
  });
});

afterAll(async () => {
  inventory?.close();
  await replay?.close();
});

type SyncMessage = { Request: { content: unknown }; Response: { content: unknown }[] };

function json(content: unknown): unknown {
  return JSON.parse(Buffer.isBuffer(content) ? content.toString('utf8') : JSON.stringify(content));
}

/** Scripts the replay server with the message's response; returns the message's request. */
function replayMessage(rpc: InventoryRpc, message: SyncMessage): unknown {
  const response = message.Response[0];
  if (!response) throw new Error('the synchronous message has no response');
  replay.answer(rpc, json(response.content));
  return json(message.Request.content);
}

describe('orders calling inventory over gRPC', () => {
  it('reserves the units of an order that are in stock', async () => {
    const orderId = '5c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e01';
    const productId = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c01';
    const reservationId = '2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c01';
    await pact
      .addSynchronousInteraction('a ReserveStock request for units in stock')
      .given('product {productId} has {available} units available', { productId, available: 5 })
      .withRequest((request) =>
        request.withJSONContent({
          orderId: uuid(orderId),
          items: eachLike({ productId: uuid(productId), quantity: integer(2) }),
          ttl: { seconds: integer(TTL_SECONDS), nanos: integer(0) },
        }),
      )
      .withResponse((response) =>
        response.withJSONContent({
          outcome: regex(
            /^RESERVATION_OUTCOME_(ALREADY_)?RESERVED$/,
            'RESERVATION_OUTCOME_RESERVED',
          ),
          reservationId: uuid(reservationId),
          expiresAt: { seconds: integer(Date.parse(EXPIRES_AT) / 1000), nanos: integer(0) },
        }),
      )
      .executeTest(async (message) => {
        const request = replayMessage('reserveStock', message);
        const result = await inventory.reserveStock(
          orderId,
          [{ productId, quantity: 2 }],
          TTL_SECONDS,
        );
        expect(replay.received).toEqual([{ rpc: 'reserveStock', request }]);
        expect(result).toEqual({ kind: 'reserved', reservationId, expiresAt: EXPIRES_AT });
      });
  });

  it('learns which items of an order are short, and by how much', async () => {
    const orderId = '5c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e02';
    const productId = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c02';
    await pact
      .addSynchronousInteraction('a ReserveStock request for more units than are available')
      .given('product {productId} has {available} units available', { productId, available: 1 })
      .withRequest((request) =>
        request.withJSONContent({
          orderId: uuid(orderId),
          items: eachLike({ productId: uuid(productId), quantity: integer(3) }),
          ttl: { seconds: integer(TTL_SECONDS), nanos: integer(0) },
        }),
      )
      .withResponse((response) =>
        response.withJSONContent({
          outcome: equal('RESERVATION_OUTCOME_OUT_OF_STOCK'),
          shortages: eachLike({
            productId: uuid(productId),
            requested: integer(3),
            available: integer(1),
          }),
        }),
      )
      .executeTest(async (message) => {
        const request = replayMessage('reserveStock', message);
        const result = await inventory.reserveStock(
          orderId,
          [{ productId, quantity: 3 }],
          TTL_SECONDS,
        );
        expect(replay.received).toEqual([{ rpc: 'reserveStock', request }]);
        expect(result).toEqual({
          kind: 'out-of-stock',
          shortages: [{ productId, requested: 3, available: 1 }],
        });
      });
  });

  it('gives back the units a canceled order holds', async () => {
    const orderId = '5c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e03';
    const productId = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c03';
    await pact
      .addSynchronousInteraction('a ReleaseStock request for a canceled order')
      .given('order {orderId} holds {quantity} units of product {productId}', {
        orderId,
        quantity: 2,
        productId,
      })
      .withRequest((request) =>
        request.withJSONContent({
          orderId: uuid(orderId),
          reason: regex(
            /^RELEASE_REASON_(ORDER_CANCELED|RESERVATION_EXPIRED)$/,
            'RELEASE_REASON_ORDER_CANCELED',
          ),
        }),
      )
      .withResponse((response) =>
        // Every outcome leaves nothing held for the order, which is all the saga needs to know.
        response.withJSONContent({
          outcome: regex(
            /^RELEASE_OUTCOME_(RELEASED|ALREADY_RELEASED|NOTHING_TO_RELEASE)$/,
            'RELEASE_OUTCOME_RELEASED',
          ),
        }),
      )
      .executeTest(async (message) => {
        const request = replayMessage('releaseStock', message);
        const outcome = await inventory.releaseStock(orderId, 'ORDER_CANCELED');
        expect(replay.received).toEqual([{ rpc: 'releaseStock', request }]);
        expect(outcome).toBe('RELEASE_OUTCOME_RELEASED');
      });
  });

  it('turns the reservation of a paid order into a sale', async () => {
    const orderId = '5c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e04';
    const productId = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c04';
    await pact
      .addSynchronousInteraction('a CommitReservation request for a paid order')
      .given('order {orderId} holds {quantity} units of product {productId}', {
        orderId,
        quantity: 2,
        productId,
      })
      .withRequest((request) => request.withJSONContent({ orderId: uuid(orderId) }))
      .withResponse((response) =>
        response.withJSONContent({
          outcome: regex(/^COMMIT_OUTCOME_(ALREADY_)?COMMITTED$/, 'COMMIT_OUTCOME_COMMITTED'),
        }),
      )
      .executeTest(async (message) => {
        const request = replayMessage('commitReservation', message);
        const outcome = await inventory.commitReservation(orderId);
        expect(replay.received).toEqual([{ rpc: 'commitReservation', request }]);
        expect(outcome).toBe('committed');
      });
  });

  it('learns that a paid order’s reservation lapsed before the commit (so the payment is refunded)', async () => {
    const orderId = '5c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e05';
    const productId = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c05';
    await pact
      .addSynchronousInteraction('a CommitReservation request for a released reservation')
      .given(
        'order {orderId} released its reservation of {quantity} units of product {productId}',
        {
          orderId,
          quantity: 2,
          productId,
        },
      )
      .withRequest((request) => request.withJSONContent({ orderId: uuid(orderId) }))
      .withResponse((response) =>
        response.withJSONContent({
          outcome: regex(
            /^COMMIT_OUTCOME_(EXPIRED|RELEASED|NO_RESERVATION)$/,
            'COMMIT_OUTCOME_RELEASED',
          ),
        }),
      )
      .executeTest(async (message) => {
        const request = replayMessage('commitReservation', message);
        const outcome = await inventory.commitReservation(orderId);
        expect(replay.received).toEqual([{ rpc: 'commitReservation', request }]);
        expect(outcome).toBe('lapsed');
      });
  });
});
