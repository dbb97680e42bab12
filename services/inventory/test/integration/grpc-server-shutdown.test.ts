/**
 * The gRPC server worker's shutdown over a real loopback channel: stop lets a call in flight
 * finish (tryShutdown) and refuses new ones; a call still running when the shutdown timeout
 * passes is cut (forceShutdown), so stop always ends.
 */
import * as grpc from '@grpc/grpc-js';
import {
  createInventoryServiceClient,
  type InventoryServiceHandlers,
} from '@bazaar/generated/grpc/inventory/v1/inventory';
import { createLogger } from '@bazaar/platform/telemetry/index';
import { GrpcServerWorker } from '../../src/grpc/grpc-server.worker';

const logger = createLogger({ service: 'inventory', level: 'silent' });

/** Handlers whose queryStock reports that it was reached, then waits for `gate`. */
function slowHandlers(gate: Promise<void>, reached: () => void): InventoryServiceHandlers {
  const never = async (): Promise<never> => {
    throw new Error('not used');
  };
  return {
    reserveStock: never,
    releaseStock: never,
    commitReservation: never,
    async queryStock(request) {
      reached();
      await gate;
      return { levels: request.productIds.map((productId) => ({ productId, sku: 'MUG-1' })) };
    },
  };
}

async function started(gate: Promise<void>, shutdownTimeoutMs: number) {
  let reached!: () => void;
  // Resolves once a call is running in the server: stopping earlier would test another case.
  const callReached = new Promise<void>((resolve) => (reached = resolve));
  const worker = new GrpcServerWorker({
    host: '127.0.0.1',
    port: 0,
    shutdownTimeoutMs,
    handlers: slowHandlers(gate, reached),
    logger,
  });
  await worker.start();
  const client = createInventoryServiceClient(`127.0.0.1:${worker.port}`, {
    defaultDeadlineMs: 20_000,
  });
  return { worker, client, callReached };
}

const PRODUCT = '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70';

describe('gRPC server worker shutdown', () => {
  it('lets a call in flight finish, then refuses new calls', async () => {
    let open!: () => void;
    const { worker, client, callReached } = await started(
      new Promise((resolve) => (open = resolve)),
      10_000,
    );
    try {
      const inFlight = client.queryStock({ productIds: [PRODUCT] });
      await callReached;
      const stopping = worker.stop();
      open();
      await expect(inFlight).resolves.toMatchObject({ levels: [{ productId: PRODUCT }] });
      await stopping;
      await expect(
        client.queryStock({ productIds: [PRODUCT] }, { deadlineMs: 2_000 }),
      ).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    } finally {
      client.close();
    }
  });

  it('cuts a call still running when the shutdown timeout passes', async () => {
    const { worker, client, callReached } = await started(new Promise<void>(() => undefined), 200);
    try {
      const inFlight = client.queryStock({ productIds: [PRODUCT] });
      await callReached;
      await worker.stop();
      const error = (await inFlight.catch((e: unknown) => e)) as grpc.ServiceError;
      expect([grpc.status.CANCELLED, grpc.status.UNAVAILABLE]).toContain(error.code);
    } finally {
      client.close();
    }
  });
});
