/**
 * ReserveStock (proto InventoryService): holds every item of an order, all or nothing, until the
 * reservation is committed, released or expires. Idempotent per order: a repeat answers
 * ALREADY_RESERVED with the first reservation; OUT_OF_STOCK keeps no state.
 *
 * Concurrency: the order's advisory lock serialises calls for one order; the stock rows of every
 * item are locked in product_id order before the availability check, so two reservations of the
 * same product run one after the other and the second sees what the first took (no oversell), and
 * the CHECK constraints on stock_items stop anything that slipped past.
 */
import { randomUUID } from 'node:crypto';
import { decideRepeatReserve, reservationEffects, type Reservation } from '../domain/reservation';
import { planReservation, type Shortage } from '../domain/reservation-plan';
import type { RequestedItem } from '../domain/reservation-request';
import { rollbackQuietly, withClient } from '@bazaar/platform/db/index';
import type pg from 'pg';
import { availableOf } from '../domain/stock-level';
import { beginLockedOrderRead } from '../persistence/order-lock';
import { lockedReservationSql, reservationFromRow } from '../persistence/reservation.repository';
import { writeReservation } from '../persistence/reservation-write';
import { lockStockItems } from '../persistence/stock.repository';
import { createEventBatch, nonEmpty } from './event-batch';
import { releaseReservationStep } from './release-reservation.step';
import { ReservationStateError, UnknownProductError } from './use-case-errors';
import type { UseCaseDeps } from './use-case-deps';

export interface ReserveStockCommand {
  orderId: string;
  /** Validated: 1..100 distinct products, quantity ≥ 1. */
  items: readonly RequestedItem[];
  ttlMs: number;
}

export type ReserveStockResult =
  | { outcome: 'RESERVED' | 'ALREADY_RESERVED'; reservationId: string; expiresAt: Date }
  | { outcome: 'OUT_OF_STOCK'; shortages: readonly Shortage[] };

type Attempt = ReserveStockResult | { outcome: 'LAPSED' };

export async function reserveStock(
  deps: UseCaseDeps,
  command: ReserveStockCommand,
): Promise<ReserveStockResult> {
  const now = deps.clock();
  const attempt = await inOrderTransaction(
    deps.pool,
    command.orderId,
    async (tx, row): Promise<Attempt> => {
      const existing = row === undefined ? undefined : reservationFromRow(row);
      if (existing) {
        const decision = decideRepeatReserve(existing, command.items, now);
        switch (decision.kind) {
          case 'already-reserved':
            return {
              outcome: 'ALREADY_RESERVED',
              reservationId: existing.id,
              expiresAt: existing.expiresAt,
            };
          case 'other-items':
            throw new ReservationStateError(
              `order ${command.orderId} already has reservation ${existing.id} for other items`,
            );
          case 'ended':
            throw new ReservationStateError(
              `the reservation of order ${command.orderId} was ${existing.releaseReason === 'RESERVATION_EXPIRED' ? 'expired' : 'released'}; a canceled order is never reserved again`,
            );
          case 'lapsed': {
            // Release what the lapsed reservation holds now (committed below), then refuse.
            const events = createEventBatch();
            await releaseReservationStep(tx, existing, 'RESERVATION_EXPIRED', now, events);
            await events.appendTo(tx);
            return { outcome: 'LAPSED' };
          }
        }
      }

      const locked = await lockStockItems(
        tx,
        command.items.map((item) => item.productId),
      );
      for (const item of command.items) {
        const row = locked.get(item.productId);
        if (!row || row.closedAt) throw new UnknownProductError(item.productId);
      }
      const plan = planReservation(command.items, locked);
      if (plan.kind === 'out-of-stock')
        return { outcome: 'OUT_OF_STOCK', shortages: plan.shortages };

      const reservation: Reservation = {
        id: randomUUID(),
        orderId: command.orderId,
        status: 'ACTIVE',
        items: command.items,
        expiresAt: new Date(now.getTime() + command.ttlMs),
        createdAt: now,
        committedAt: null,
        releasedAt: null,
        releaseReason: null,
      };
      // The rows are locked: the levels after this reservation are the plan's.
      const events = createEventBatch();
      await events.publish('ecommerce.inventory.stock.reserved.v1', {
        reservationId: reservation.id,
        orderId: reservation.orderId,
        items: nonEmpty(
          plan.items.map((item) => ({
            productId: item.productId,
            quantity: item.quantity,
            available: availableOf(item.after),
          })),
        ),
        expiresAt: reservation.expiresAt.toISOString(),
        reservedAt: now.toISOString(),
      });
      for (const item of plan.items) {
        if (!item.depleted) continue;
        await events.publish('ecommerce.inventory.stock.depleted.v1', {
          productId: item.productId,
          sku: locked.get(item.productId)!.sku,
          depletedAt: now.toISOString(),
        });
      }
      const written = await writeReservation(tx, {
        reservation,
        changes: plan.items.map((item) => ({
          productId: item.productId,
          ...reservationEffects.reserve(item.quantity),
        })),
        now,
        events: events.events,
      });
      if (!written.eventsAppended) await events.appendTo(tx);
      return {
        outcome: 'RESERVED',
        reservationId: reservation.id,
        expiresAt: reservation.expiresAt,
      };
    },
  );
  if (attempt.outcome === 'LAPSED')
    throw new ReservationStateError(
      `the reservation of order ${command.orderId} expired; a canceled order is never reserved again`,
    );
  return attempt;
}

/**
 * A transaction holding the order's advisory lock, with its reservation read (locked) after the
 * lock: BEGIN, lock and read in one round trip (beginLockedOrderRead); COMMIT after `fn`, ROLLBACK
 * on any error, as withTransaction.
 */
async function inOrderTransaction<T>(
  pool: pg.Pool,
  orderId: string,
  fn: (tx: pg.PoolClient, reservationRow: unknown) => Promise<T>,
): Promise<T> {
  return withClient(pool, async (client) => {
    try {
      const [row] = await beginLockedOrderRead(client, orderId, lockedReservationSql);
      const result = await fn(client, row);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await rollbackQuietly(client);
      throw error;
    }
  });
}
