/**
 * A real gRPC InventoryService (the generated registration on a grpc-js server, 127.0.0.1, free
 * port) that answers one rpc with the response of the Pact synchronous message under test and
 * records every request it decodes. Orders' real InventoryGrpcClient talks to it over a real
 * channel, so the consumer test covers the request orders encodes and the response it parses;
 * any rpc not scripted answers UNIMPLEMENTED.
 */
import * as grpc from '@grpc/grpc-js';
import {
  addInventoryService,
  type InventoryServiceHandlers,
} from '@bazaar/generated/grpc/inventory/v1/inventory';
import { GrpcError } from '@bazaar/generated/grpc/runtime/grpc-runtime';

export type InventoryRpc = keyof InventoryServiceHandlers;

export interface ReceivedCall {
  rpc: InventoryRpc;
  request: unknown;
}

export interface InventoryReplayServer {
  /** host:port to point InventoryGrpcClient at. */
  address: string;
  /** Answer `rpc` with `response` from now on (and nothing else). */
  answer(rpc: InventoryRpc, response: unknown): void;
  /** Every request received since the last `answer`, as the server decoded it. */
  readonly received: ReceivedCall[];
  close(): Promise<void>;
}

const RPCS: InventoryRpc[] = ['reserveStock', 'releaseStock', 'commitReservation', 'queryStock'];

export async function startInventoryReplayServer(): Promise<InventoryReplayServer> {
  let scripted: { rpc: InventoryRpc; response: unknown } | undefined;
  const received: ReceivedCall[] = [];
  const handlers = Object.fromEntries(
    RPCS.map((rpc) => [
      rpc,
      async (request: unknown) => {
        received.push({ rpc, request });
        if (scripted?.rpc !== rpc)
          throw new GrpcError(grpc.status.UNIMPLEMENTED, `${rpc} is not part of this interaction`);
        return scripted.response;
      },
    ]),
  ) as unknown as InventoryServiceHandlers;

  const server = new grpc.Server();
  addInventoryService(server, handlers);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    answer(rpc, response) {
      scripted = { rpc, response };
      received.length = 0;
    },
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
      }),
  };
}
