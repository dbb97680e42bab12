/**
 * ReleaseStock (proto InventoryService): gives an order's units back, from an active reservation
 * (order canceled, or expired) or a committed one (paid order canceled before fulfilment: the
 * units return on hand). Idempotent per order: a repeat answers ALREADY_RELEASED.
 */
import { withTransaction } from '@bazaar/platform/db/index';
import { decideRelease, type ReleaseReason } from '../domain/reservation';
import { lockOrder } from '../persistence/order-lock';
import { findReservationByOrder } from '../persistence/reservation.repository';
import { createEventBatch } from './event-batch';
import { releaseReservationStep } from './release-reservation.step';
import type { UseCaseDeps } from './use-case-deps';

export interface ReleaseStockCommand {
  orderId: string;
  reason: ReleaseReason;
}

export type ReleaseStockResult =
  | { outcome: 'RELEASED' | 'ALREADY_RELEASED'; reservationId: string; releasedAt: Date }
  | { outcome: 'NOTHING_TO_RELEASE' };

export async function releaseStock(
  deps: UseCaseDeps,
  command: ReleaseStockCommand,
): Promise<ReleaseStockResult> {
  const now = deps.clock();
  return withTransaction(deps.pool, async (tx): Promise<ReleaseStockResult> => {
    await lockOrder(tx, command.orderId);
    const existing = await findReservationByOrder(tx, command.orderId, { lock: true });
    const decision = decideRelease(existing);
    if (decision.kind === 'nothing-to-release' || !existing)
      return { outcome: 'NOTHING_TO_RELEASE' };
    if (decision.kind === 'already-released')
      return {
        outcome: 'ALREADY_RELEASED',
        reservationId: existing.id,
        releasedAt: existing.releasedAt!,
      };
    const events = createEventBatch();
    await releaseReservationStep(tx, existing, command.reason, now, events);
    await events.appendTo(tx);
    return { outcome: 'RELEASED', reservationId: existing.id, releasedAt: now };
  });
}
