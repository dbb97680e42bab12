/**
 * An order's reservation and its life (inventory domain, proto InventoryService): ACTIVE until it
 * is committed (order paid), released (order canceled) or lapses at its expiry; each rpc's repeat
 * is answered from this state, so every mutation is idempotent per order.
 */
import { sameItems, type RequestedItem } from './reservation-request';
import type { StockEffect } from './stock-level';

export type ReservationStatus = 'ACTIVE' | 'COMMITTED' | 'RELEASED';
export type ReleaseReason = 'ORDER_CANCELED' | 'RESERVATION_EXPIRED';

export interface Reservation {
  readonly id: string;
  readonly orderId: string;
  readonly status: ReservationStatus;
  readonly items: readonly RequestedItem[];
  readonly expiresAt: Date;
  readonly createdAt: Date;
  readonly committedAt: Date | null;
  readonly releasedAt: Date | null;
  readonly releaseReason: ReleaseReason | null;
}

/** An active reservation whose expiry has passed: its units must go back, whoever notices first. */
export function hasLapsed(reservation: Reservation, now: Date): boolean {
  return reservation.status === 'ACTIVE' && reservation.expiresAt.getTime() <= now.getTime();
}

export type RepeatReserveDecision =
  /** The order holds this reservation (active or committed): answer ALREADY_RESERVED. */
  | { readonly kind: 'already-reserved' }
  /** The order's reservation is for other items: FAILED_PRECONDITION. */
  | { readonly kind: 'other-items' }
  /** The reservation was released or expired: a canceled order is never reserved again. */
  | { readonly kind: 'ended' }
  /** Active but past its expiry: release it (RESERVATION_EXPIRED), then answer as `ended`. */
  | { readonly kind: 'lapsed' };

/** What a ReserveStock call for an order that already has a reservation does. */
export function decideRepeatReserve(
  existing: Reservation,
  requested: readonly RequestedItem[],
  now: Date,
): RepeatReserveDecision {
  if (existing.status === 'RELEASED') return { kind: 'ended' };
  if (!sameItems(existing.items, requested)) return { kind: 'other-items' };
  if (hasLapsed(existing, now)) return { kind: 'lapsed' };
  return { kind: 'already-reserved' };
}

export type ReleaseDecision =
  | { readonly kind: 'nothing-to-release' }
  | { readonly kind: 'already-released' }
  /** Give the units back: from reserved (ACTIVE) or into on hand again (COMMITTED). */
  | { readonly kind: 'release'; readonly from: 'ACTIVE' | 'COMMITTED' };

export function decideRelease(existing: Reservation | undefined): ReleaseDecision {
  if (!existing) return { kind: 'nothing-to-release' };
  if (existing.status === 'RELEASED') return { kind: 'already-released' };
  return { kind: 'release', from: existing.status };
}

export type CommitDecision =
  | { readonly kind: 'no-reservation' }
  | { readonly kind: 'already-committed' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'released' }
  /** Active but past its expiry: release it (RESERVATION_EXPIRED) and answer EXPIRED. */
  | { readonly kind: 'lapsed' }
  | { readonly kind: 'commit' };

export function decideCommit(existing: Reservation | undefined, now: Date): CommitDecision {
  if (!existing) return { kind: 'no-reservation' };
  if (existing.status === 'COMMITTED') return { kind: 'already-committed' };
  if (existing.status === 'RELEASED')
    return { kind: existing.releaseReason === 'RESERVATION_EXPIRED' ? 'expired' : 'released' };
  if (hasLapsed(existing, now)) return { kind: 'lapsed' };
  return { kind: 'commit' };
}

/** How each transition moves one item's units between on hand and reserved. */
export const reservationEffects = {
  /** ReserveStock: the units stay on hand but are held. */
  reserve: (quantity: number): StockEffect => ({ onHandDelta: 0, reservedDelta: quantity }),
  /** Release of an active reservation: the held units become available again. */
  releaseActive: (quantity: number): StockEffect => ({ onHandDelta: 0, reservedDelta: -quantity }),
  /** Release of a committed one (paid order canceled before fulfilment): units return on hand. */
  releaseCommitted: (quantity: number): StockEffect => ({
    onHandDelta: quantity,
    reservedDelta: 0,
  }),
  /** CommitReservation: the units leave on hand and reserved together; available is unchanged. */
  commit: (quantity: number): StockEffect => ({ onHandDelta: -quantity, reservedDelta: -quantity }),
} as const;
