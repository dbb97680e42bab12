/**
 * CommitReservation (proto InventoryService): turns an order's active reservation into a sale when
 * the order is paid; the units leave on hand and reserved together, so available is unchanged and
 * no event is due. Idempotent per order. A reservation past its expiry is released here (reason
 * RESERVATION_EXPIRED) and answered EXPIRED, whether or not the sweep got to it first.
 */
import { withTransaction } from '@bazaar/platform/db/index';
import { decideCommit, reservationEffects } from '../domain/reservation';
import { lockOrder } from '../persistence/order-lock';
import { findReservationByOrder, markCommitted } from '../persistence/reservation.repository';
import { applyReservationEffects } from './apply-reservation-effects';
import { createEventBatch } from './event-batch';
import { releaseReservationStep } from './release-reservation.step';
import type { UseCaseDeps } from './use-case-deps';

export type CommitReservationResult =
  | { outcome: 'COMMITTED' | 'ALREADY_COMMITTED'; reservationId: string; committedAt: Date }
  | { outcome: 'EXPIRED' | 'RELEASED'; reservationId: string }
  | { outcome: 'NO_RESERVATION' };

export async function commitReservation(
  deps: UseCaseDeps,
  command: { orderId: string },
): Promise<CommitReservationResult> {
  const now = deps.clock();
  return withTransaction(deps.pool, async (tx): Promise<CommitReservationResult> => {
    await lockOrder(tx, command.orderId);
    const existing = await findReservationByOrder(tx, command.orderId, { lock: true });
    const decision = decideCommit(existing, now);
    if (decision.kind === 'no-reservation' || !existing) return { outcome: 'NO_RESERVATION' };
    switch (decision.kind) {
      case 'already-committed':
        return {
          outcome: 'ALREADY_COMMITTED',
          reservationId: existing.id,
          committedAt: existing.committedAt!,
        };
      case 'expired':
        return { outcome: 'EXPIRED', reservationId: existing.id };
      case 'released':
        return { outcome: 'RELEASED', reservationId: existing.id };
      case 'lapsed': {
        const events = createEventBatch();
        await releaseReservationStep(tx, existing, 'RESERVATION_EXPIRED', now, events);
        await events.appendTo(tx);
        return { outcome: 'EXPIRED', reservationId: existing.id };
      }
      case 'commit':
        await applyReservationEffects(tx, existing.items, reservationEffects.commit, now);
        await markCommitted(tx, existing.id, now);
        return { outcome: 'COMMITTED', reservationId: existing.id, committedAt: now };
    }
  });
}
