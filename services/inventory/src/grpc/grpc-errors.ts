/**
 * Maps what a use case throws to the gRPC statuses the proto lists (InventoryService conventions):
 * a bad field → INVALID_ARGUMENT naming it, an unknown product → NOT_FOUND, a reservation in the
 * wrong state → FAILED_PRECONDITION, a database that is down or a lock conflict → UNAVAILABLE
 * (safe to retry with the same order_id). Anything else stays unexpected (INTERNAL, logged).
 */
import * as grpc from '@grpc/grpc-js';
import { GrpcError } from '@bazaar/generated/grpc/runtime/grpc-runtime';
import { isConnectionError } from '@bazaar/platform/db/index';
import { InvalidFieldError } from '../domain/domain-errors';
import { ReservationStateError, UnknownProductError } from '../use-cases/use-case-errors';

/** SQLSTATEs after which the same call, retried, may well succeed. */
const RETRYABLE_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '53300', // too_many_connections
]);

export function toGrpcError(error: unknown): unknown {
  if (error instanceof GrpcError) return error;
  if (error instanceof InvalidFieldError)
    return new GrpcError(grpc.status.INVALID_ARGUMENT, error.message);
  if (error instanceof UnknownProductError)
    return new GrpcError(grpc.status.NOT_FOUND, error.message);
  if (error instanceof ReservationStateError)
    return new GrpcError(grpc.status.FAILED_PRECONDITION, error.message);
  const code = (error as { code?: unknown } | null)?.code;
  if (isConnectionError(error) || (typeof code === 'string' && RETRYABLE_SQLSTATES.has(code)))
    return new GrpcError(
      grpc.status.UNAVAILABLE,
      'inventory cannot answer now; retry with backoff',
    );
  if (error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message))
    return new GrpcError(grpc.status.UNAVAILABLE, 'inventory is overloaded; retry with backoff');
  return error;
}
