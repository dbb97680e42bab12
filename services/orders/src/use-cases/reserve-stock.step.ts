/**
 * Saga step 2 (architecture §5): reserve the order's stock over gRPC (bounded retries, idempotent
 * per order id) and record the outcome: RESERVED → AWAITING_PAYMENT until the reservation's expiry;
 * OUT_OF_STOCK → CANCELED with nothing reserved; inventory unreachable → CANCELED
 * (RESERVATION_FAILED) with a release in case the last try reserved; a reservation that lapsed
 * earlier (the order resumed after its expiry) → CANCELED (RESERVATION_EXPIRED); a refusal of the
 * request itself counts as a failed reservation (it would fail again). Run inline by
 * placeOrder and by the worker when a crash left an order RESERVING_STOCK.
 */
import type { ReservationOutcome } from '../domain/order-commands';
import type { OrderState } from '../domain/order-state';
import {
  InventoryRefusedError,
  InventoryUnavailableError,
} from '../outbound/inventory.grpc-client';
import { compensateOrLeaveToWorker } from './compensate-order.step';
import { runOrderCommand } from './order-transaction';
import type { UseCaseDeps } from './use-case-deps';

/** `justWritten`: `state` is what this process just committed, so it is decided on as it is. */
export async function reserveStock(
  deps: UseCaseDeps,
  state: OrderState,
  options: { justWritten?: boolean } = {},
): Promise<OrderState> {
  let outcome: ReservationOutcome;
  try {
    const result = await deps.inventory.reserveStock(
      state.orderId,
      state.lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
      deps.reservationTtlSeconds,
    );
    outcome = result.kind === 'lapsed' ? { kind: 'lapsed' } : result;
  } catch (error) {
    if (error instanceof InventoryRefusedError)
      // A refusal (INVALID_ARGUMENT…) is a bug on one side; retrying it would never end.
      deps.logger.error(
        { orderId: state.orderId, err: error },
        'inventory refused the reservation',
      );
    else if (error instanceof InventoryUnavailableError)
      deps.logger.warn({ orderId: state.orderId, err: error }, 'inventory unreachable');
    else throw error;
    outcome = { kind: 'unavailable' };
  }
  deps.metrics.sagaSteps.inc({ step: 'reserve_stock', outcome: outcome.kind });
  const recorded = await runOrderCommand(
    deps,
    state.orderId,
    { type: 'RecordReservation', outcome },
    options.justWritten ? { knownState: { state } } : {},
  );
  const current = recorded.state ?? state;
  if (outcome.kind === 'out-of-stock' && recorded.events.length > 0) deps.metrics.outOfStock.inc();
  if (
    outcome.kind === 'reserved' &&
    current.status === 'CANCELED' &&
    recorded.events.length === 0
  ) {
    // The order was canceled while this reservation was under way: give the units back.
    await deps.inventory
      .releaseStock(state.orderId, 'ORDER_CANCELED')
      .catch((error: unknown) =>
        deps.logger.warn(
          { orderId: state.orderId, err: error },
          'a late reservation of a canceled order could not be released; inventory releases it at its expiry',
        ),
      );
  }
  return compensateOrLeaveToWorker(deps, current);
}
