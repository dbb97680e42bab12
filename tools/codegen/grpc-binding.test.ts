/**
 * The generated gRPC client and server registration over a real loopback channel: typed messages
 * round-trip (enums as names, timestamps, defaults), deadlines apply, context metadata travels,
 * and handler errors become the right gRPC statuses.
 */
import * as grpc from '@grpc/grpc-js';
import {
  addInventoryService,
  createInventoryServiceClient,
  type InventoryServiceClient,
  type InventoryServiceHandlers,
} from '@bazaar/generated/grpc/inventory/v1/inventory';
import { GrpcError } from '@bazaar/generated/grpc/runtime/grpc-runtime';

const ORDER_ID = '6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const PRODUCT_ID = '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70';

let server: grpc.Server;
let client: InventoryServiceClient;
let seenMetadata: grpc.Metadata | undefined;
const unexpected: unknown[] = [];

const handlers: InventoryServiceHandlers = {
  async reserveStock(request, call) {
    seenMetadata = call.metadata;
    if (request.items.length === 0)
      throw new GrpcError(grpc.status.INVALID_ARGUMENT, 'items: at least one item is required');
    const [item] = request.items;
    if (item!.quantity > 10) {
      return {
        outcome: 'RESERVATION_OUTCOME_OUT_OF_STOCK',
        shortages: [{ productId: item!.productId, requested: item!.quantity, available: 10 }],
      };
    }
    return {
      outcome: 'RESERVATION_OUTCOME_RESERVED',
      reservationId: `res-${request.orderId}`,
      expiresAt: { seconds: 1_800_000_000 + (request.ttl?.seconds ?? 900), nanos: 0 },
    };
  },
  async releaseStock() {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { outcome: 'RELEASE_OUTCOME_RELEASED' };
  },
  async commitReservation() {
    throw new Error('database password is hunter2');
  },
  async queryStock(request) {
    return {
      levels: request.productIds.map((productId) => ({
        productId,
        sku: 'MUG-1',
        onHand: 5,
        reserved: 2,
        available: 3,
      })),
    };
  },
};

beforeAll(async () => {
  server = new grpc.Server();
  addInventoryService(server, handlers, { onUnexpectedError: (error) => unexpected.push(error) });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  client = createInventoryServiceClient(`127.0.0.1:${port}`, {
    defaultDeadlineMs: 2_000,
    contextMetadata: () => ({
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    }),
  });
});

afterAll(async () => {
  client.close();
  await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
});

describe('generated InventoryService binding', () => {
  it('round-trips typed messages with enums as names and well-known types', async () => {
    const response = await client.reserveStock({
      orderId: ORDER_ID,
      items: [{ productId: PRODUCT_ID, quantity: 2 }],
      ttl: { seconds: 60 },
    });
    expect(response).toEqual({
      outcome: 'RESERVATION_OUTCOME_RESERVED',
      reservationId: `res-${ORDER_ID}`,
      expiresAt: { seconds: 1_800_000_060, nanos: 0 },
      shortages: [],
    });
  });

  it('fills defaults for fields the server left out', async () => {
    const response = await client.reserveStock({
      orderId: ORDER_ID,
      items: [{ productId: PRODUCT_ID, quantity: 50 }],
    });
    expect(response.outcome).toBe('RESERVATION_OUTCOME_OUT_OF_STOCK');
    expect(response.reservationId).toBe('');
    expect(response.shortages).toEqual([{ productId: PRODUCT_ID, requested: 50, available: 10 }]);
  });

  it('sends the context metadata with every call', async () => {
    await client.reserveStock({
      orderId: ORDER_ID,
      items: [{ productId: PRODUCT_ID, quantity: 1 }],
    });
    expect(seenMetadata?.get('traceparent')).toEqual([
      '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    ]);
  });

  it('answers a GrpcError with its status and message', async () => {
    await expect(client.reserveStock({ orderId: ORDER_ID, items: [] })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: 'items: at least one item is required',
    });
  });

  it('answers any other error as INTERNAL without leaking it, and reports it', async () => {
    const error = await client.commitReservation({ orderId: ORDER_ID }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: grpc.status.INTERNAL, details: 'internal error' });
    expect(JSON.stringify(error)).not.toContain('hunter2');
    expect(unexpected).toHaveLength(1);
  });

  it('fails with DEADLINE_EXCEEDED when the deadline passes first', async () => {
    await expect(
      client.releaseStock(
        { orderId: ORDER_ID, reason: 'RELEASE_REASON_ORDER_CANCELED' },
        { deadlineMs: 50 },
      ),
    ).rejects.toMatchObject({
      code: grpc.status.DEADLINE_EXCEEDED,
    });
  });

  it('completes within a deadline that leaves enough time', async () => {
    await expect(
      client.releaseStock(
        { orderId: ORDER_ID, reason: 'RELEASE_REASON_ORDER_CANCELED' },
        { deadlineMs: 1_500 },
      ),
    ).resolves.toMatchObject({
      outcome: 'RELEASE_OUTCOME_RELEASED',
    });
  });

  it('reads repeated fields', async () => {
    const response = await client.queryStock({ productIds: [PRODUCT_ID] });
    expect(response.levels).toEqual([
      { productId: PRODUCT_ID, sku: 'MUG-1', onHand: 5, reserved: 2, available: 3 },
    ]);
  });
});
