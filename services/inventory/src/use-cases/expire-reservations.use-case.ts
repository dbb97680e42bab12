/**
 * Releases reservations past their expiry (reason RESERVATION_EXPIRED), one per transaction, so
 * stock is never held for a caller that went away (proto ReleaseStock). Each reservation is
 * claimed with FOR UPDATE SKIP LOCKED: instances sweeping at the same time take different ones,
 * and one an rpc is working on is left to that rpc.
 */
import { withTransaction } from '@bazaar/platform/db/index';
import { claimLapsedReservation } from '../persistence/reservation.repository';
import { createEventBatch } from './event-batch';
import { releaseReservationStep } from './release-reservation.step';
import type { UseCaseDeps } from './use-case-deps';

/** Releases up to `limit` lapsed reservations; resolves with the ids of those it released. */
export async function expireReservations(
  deps: UseCaseDeps,
  options: { limit: number },
): Promise<{ orderId: string; reservationId: string }[]> {
  const released: { orderId: string; reservationId: string }[] = [];
  while (released.length < options.limit) {
    const now = deps.clock();
    const one = await withTransaction(deps.pool, async (tx) => {
      const reservation = await claimLapsedReservation(tx, now);
      if (!reservation) return undefined;
      const events = createEventBatch();
      await releaseReservationStep(tx, reservation, 'RESERVATION_EXPIRED', now, events);
      await events.appendTo(tx);
      return { orderId: reservation.orderId, reservationId: reservation.id };
    });
    if (!one) break;
    released.push(one);
  }
  return released;
}
