/**
 * The gRPC InventoryService (contracts/proto/bazaar/inventory/v1/inventory.proto): rpc → handler,
 * the only list, typed by the generated InventoryServiceHandlers. Each call runs in a SERVER span
 * continuing the caller's trace from its metadata (so the events it appends carry that trace),
 * and its failures become the proto's statuses.
 */
import type * as grpc from '@grpc/grpc-js';
import {
  inventoryServiceName,
  type InventoryServiceHandlers,
} from '@bazaar/generated/grpc/inventory/v1/inventory';
import { withGrpcServerSpan } from '@bazaar/platform/telemetry/index';
import type { UseCaseDeps } from '../use-cases/use-case-deps';
import { commitReservationRpc } from './commit-reservation.rpc';
import { toGrpcError } from './grpc-errors';
import { queryStockRpc } from './query-stock.rpc';
import { releaseStockRpc } from './release-stock.rpc';
import { reserveStockRpc, type ReserveStockRpcDeps } from './reserve-stock.rpc';

function serve<Request, Response>(
  method: string,
  rpc: (request: Request) => Promise<Response>,
): (request: Request, call: { metadata: grpc.Metadata }) => Promise<Response> {
  return (request, call) =>
    withGrpcServerSpan(call.metadata, `${inventoryServiceName}/${method}`, async () => {
      try {
        return await rpc(request);
      } catch (error) {
        throw toGrpcError(error);
      }
    });
}

export function inventoryGrpcHandlers(deps: ReserveStockRpcDeps): InventoryServiceHandlers {
  const useCaseDeps: UseCaseDeps = { pool: deps.pool, clock: deps.clock };
  return {
    reserveStock: serve('ReserveStock', (request) => reserveStockRpc(deps, request)),
    releaseStock: serve('ReleaseStock', (request) => releaseStockRpc(useCaseDeps, request)),
    commitReservation: serve('CommitReservation', (request) =>
      commitReservationRpc(useCaseDeps, request),
    ),
    queryStock: serve('QueryStock', (request) => queryStockRpc(useCaseDeps, request)),
  };
}
