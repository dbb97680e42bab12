/**
 * What the use cases and saga steps are given (built once in service.ts): the database, the
 * clients of the services orders calls, the clock, the saga's leases and backoff, and metrics.
 */
import type pg from 'pg';
import type { Logger } from '@bazaar/platform/telemetry/index';
import type { SagaBackoff, SagaLeases } from '../domain/place-order-saga';
import type { OrdersMetrics } from '../metrics';
import type { CartHttpClient } from '../outbound/cart.http-client';
import type { CatalogHttpClient } from '../outbound/catalog.http-client';
import type { InventoryGrpcClient } from '../outbound/inventory.grpc-client';
import type { PaymentHttpClient } from '../outbound/payment.http-client';

export interface UseCaseDeps {
  pool: pg.Pool;
  clock: () => Date;
  newId: () => string;
  inventory: InventoryGrpcClient;
  payment: PaymentHttpClient;
  catalog: CatalogHttpClient;
  cart: CartHttpClient;
  /** How long a placed order's stock is reserved awaiting payment, s. */
  reservationTtlSeconds: number;
  leases: SagaLeases;
  backoff: SagaBackoff;
  metrics: OrdersMetrics;
  logger: Logger;
}
