/**
 * Orders' client of inventory's gRPC InventoryService (contracts/proto/bazaar/inventory/v1),
 * through the generated client only: every call has a deadline, carries the caller's trace and
 * correlation id, and is retried up to `attempts` times with full-jitter backoff when inventory
 * answers UNAVAILABLE or DEADLINE_EXCEEDED (each rpc is idempotent per order id, so a retry after
 * a lost answer is safe). Answers are mapped to what the saga records. Built from an address only,
 * so a Pact consumer test can point it at a mock.
 */
import * as grpc from '@grpc/grpc-js';
import {
  createInventoryServiceClient,
  type InventoryServiceClient,
} from '@bazaar/generated/grpc/inventory/v1/inventory';
import { retry } from '@bazaar/platform/resilience/index';
import {
  GRPC_CORRELATION_ID_KEY,
  currentCorrelationId,
  traceHeaders,
} from '@bazaar/platform/telemetry/index';
import type { StockShortage } from '../domain/order-events';

export interface InventoryClientOptions {
  /** host:port of the InventoryService. */
  address: string;
  /** Deadline of one call, ms. Default 2000. */
  callDeadlineMs?: number;
  /** Calls per operation, retries included. Default 3 (seed 003 §8). */
  attempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Told about each retry (metrics, logs). */
  onRetry?: (rpc: string, attempt: number, error: unknown) => void;
  random?: () => number;
}

export type ReserveStockResult =
  | { kind: 'reserved'; reservationId: string; expiresAt: string }
  | { kind: 'out-of-stock'; shortages: StockShortage[] }
  /** The order's reservation was released or expired earlier: it is never reserved again. */
  | { kind: 'lapsed'; detail: string };

export type ReleaseReason = 'ORDER_CANCELED' | 'RESERVATION_EXPIRED';
export type CommitResult = 'committed' | 'lapsed';

/** Inventory did not answer after every attempt (or answered UNAVAILABLE each time). */
export class InventoryUnavailableError extends Error {
  override readonly name = 'InventoryUnavailableError';
}

/** Inventory refused the call itself (a bug or a contract mismatch): not worth retrying. */
export class InventoryRefusedError extends Error {
  override readonly name = 'InventoryRefusedError';
  constructor(
    readonly rpc: string,
    readonly code: grpc.status,
    message: string,
  ) {
    super(`${rpc}: ${grpc.status[code]} ${message}`);
  }
}

const RETRYABLE = new Set<number>([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED]);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

function statusOf(error: unknown): grpc.status | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

function isoOf(timestamp: { seconds: number; nanos: number } | null): string {
  if (!timestamp) throw new Error('inventory answered a reservation without expires_at');
  return new Date(timestamp.seconds * 1000 + Math.floor(timestamp.nanos / 1e6)).toISOString();
}

/** The metadata every call carries: W3C trace context and the correlation id. */
function contextMetadata(): Record<string, string | undefined> {
  return { ...traceHeaders(), [GRPC_CORRELATION_ID_KEY]: currentCorrelationId() };
}

export class InventoryGrpcClient {
  private readonly client: InventoryServiceClient;
  private readonly callDeadlineMs: number;
  private readonly attempts: number;

  constructor(private readonly options: InventoryClientOptions) {
    this.client = createInventoryServiceClient(options.address, {
      defaultDeadlineMs: options.callDeadlineMs ?? 2_000,
      contextMetadata,
    });
    this.callDeadlineMs = options.callDeadlineMs ?? 2_000;
    this.attempts = options.attempts ?? 3;
  }

  private async call<T>(rpc: string, invoke: (deadlineMs: number) => Promise<T>): Promise<T> {
    try {
      return await retry(() => invoke(this.callDeadlineMs), {
        maxAttempts: this.attempts,
        baseDelayMs: this.options.backoffBaseMs ?? 100,
        maxDelayMs: this.options.backoffMaxMs ?? 1_000,
        shouldRetry: (error) => RETRYABLE.has(statusOf(error) ?? -1),
        onRetry: ({ attempt, error }) => this.options.onRetry?.(rpc, attempt, error),
        ...(this.options.random ? { random: this.options.random } : {}),
      });
    } catch (error) {
      const code = statusOf(error);
      if (code === undefined || RETRYABLE.has(code))
        throw new InventoryUnavailableError(
          `${rpc}: inventory did not answer after ${this.attempts} attempt(s): ${(error as Error).message}`,
          { cause: error },
        );
      throw new InventoryRefusedError(rpc, code, (error as grpc.ServiceError).details ?? '');
    }
  }

  /** ReserveStock for every item of `orderId`, all or nothing, for `ttlSeconds`. */
  async reserveStock(
    orderId: string,
    items: readonly { productId: string; quantity: number }[],
    ttlSeconds: number,
  ): Promise<ReserveStockResult> {
    try {
      const response = await this.call('ReserveStock', (deadlineMs) =>
        this.client.reserveStock(
          { orderId, items: items.map((i) => ({ ...i })), ttl: { seconds: ttlSeconds, nanos: 0 } },
          { deadlineMs },
        ),
      );
      switch (response.outcome) {
        case 'RESERVATION_OUTCOME_RESERVED':
        case 'RESERVATION_OUTCOME_ALREADY_RESERVED':
          return {
            kind: 'reserved',
            reservationId: response.reservationId,
            expiresAt: isoOf(response.expiresAt),
          };
        case 'RESERVATION_OUTCOME_OUT_OF_STOCK':
          return {
            kind: 'out-of-stock',
            shortages: response.shortages.map((s) => ({
              productId: s.productId,
              requested: s.requested,
              available: s.available,
            })),
          };
        default:
          throw new InventoryRefusedError(
            'ReserveStock',
            grpc.status.UNKNOWN,
            `outcome ${response.outcome}`,
          );
      }
    } catch (error) {
      if (!(error instanceof InventoryRefusedError)) throw error;
      // A product inventory does not track (not learned from product.created yet, or closed)
      // has no units to sell: the order is out of stock for it.
      if (error.code === grpc.status.NOT_FOUND) {
        const unknown = UUID.exec(error.message)?.[0]?.toLowerCase();
        const short = items.filter((i) => !unknown || i.productId.toLowerCase() === unknown);
        return {
          kind: 'out-of-stock',
          shortages: short.map((i) => ({
            productId: i.productId,
            requested: i.quantity,
            available: 0,
          })),
        };
      }
      if (error.code === grpc.status.FAILED_PRECONDITION)
        return { kind: 'lapsed', detail: error.message };
      throw error;
    }
  }

  /** ReleaseStock; released, already released and nothing to release all leave nothing held. */
  async releaseStock(orderId: string, reason: ReleaseReason): Promise<string> {
    const response = await this.call('ReleaseStock', (deadlineMs) =>
      this.client.releaseStock({ orderId, reason: `RELEASE_REASON_${reason}` }, { deadlineMs }),
    );
    return response.outcome;
  }

  /** CommitReservation: `lapsed` when the reservation expired, was released or never existed. */
  async commitReservation(orderId: string): Promise<CommitResult> {
    const response = await this.call('CommitReservation', (deadlineMs) =>
      this.client.commitReservation({ orderId }, { deadlineMs }),
    );
    switch (response.outcome) {
      case 'COMMIT_OUTCOME_COMMITTED':
      case 'COMMIT_OUTCOME_ALREADY_COMMITTED':
        return 'committed';
      case 'COMMIT_OUTCOME_EXPIRED':
      case 'COMMIT_OUTCOME_RELEASED':
      case 'COMMIT_OUTCOME_NO_RESERVATION':
        return 'lapsed';
      default:
        throw new InventoryRefusedError(
          'CommitReservation',
          grpc.status.UNKNOWN,
          `outcome ${response.outcome}`,
        );
    }
  }

  close(): void {
    this.client.close();
  }
}
