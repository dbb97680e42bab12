/**
 * Releasing one reservation inside an open transaction, shared by ReleaseStock, the expiry sweep
 * and the repeats of ReserveStock / CommitReservation that find a lapsed reservation: the units go
 * back (from reserved, or into on hand for a committed one), the reservation is marked released
 * and ecommerce.inventory.stock.released.v1 is collected.
 */
import { reservationEffects, type ReleaseReason, type Reservation } from '../domain/reservation';
import type { Db } from '../persistence/db';
import { markReleased } from '../persistence/reservation.repository';
import { applyReservationEffects } from './apply-reservation-effects';
import { nonEmpty, type EventBatch } from './event-batch';

/** `reservation` must be locked by the caller and not released yet. */
export async function releaseReservationStep(
  tx: Db,
  reservation: Reservation,
  reason: ReleaseReason,
  now: Date,
  events: EventBatch,
): Promise<void> {
  if (reservation.status === 'RELEASED')
    throw new Error(`reservation ${reservation.id} is already released`);
  const effectOf =
    reservation.status === 'COMMITTED'
      ? reservationEffects.releaseCommitted
      : reservationEffects.releaseActive;
  const after = await applyReservationEffects(tx, reservation.items, effectOf, now);
  await markReleased(tx, reservation.id, reason, now);
  await events.publish('ecommerce.inventory.stock.released.v1', {
    reservationId: reservation.id,
    orderId: reservation.orderId,
    reason,
    items: nonEmpty(
      reservation.items.map((item) => ({
        productId: item.productId,
        quantity: item.quantity,
        available: after.get(item.productId)!.available,
      })),
    ),
    releasedAt: now.toISOString(),
  });
}
