/**
 * When a step run inline (in a request) fails, the order is left to the saga worker: the failure
 * is recorded on the saga row of the version the step saw, so the worker tries again after the
 * first backoff delay instead of waiting out the whole lease of the request.
 */
import { retryAt } from '../domain/place-order-saga';
import type { OrderState } from '../domain/order-state';
import { loadOrder } from '../persistence/order-event-store';
import { recordSagaFailure } from '../persistence/saga-store';
import type { UseCaseDeps } from './use-case-deps';

/** Logs, records the failure for the worker, and returns the order as it now is. */
export async function leaveToWorker(
  deps: UseCaseDeps,
  orderId: string,
  error: unknown,
  what: string,
): Promise<OrderState | undefined> {
  const current = await loadOrder(deps.pool, orderId);
  deps.logger.warn(
    { orderId, err: error },
    `${what} could not finish now; the saga worker will retry it`,
  );
  if (current) {
    const now = deps.clock();
    await recordSagaFailure(deps.pool, {
      orderId,
      orderVersion: current.version,
      nextAttemptAt: retryAt(1, now, deps.backoff),
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      now,
    });
  }
  return current;
}
