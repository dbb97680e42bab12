/**
 * Applying one stock adjustment inside an open transaction, shared by REST adjustStock (source
 * ADMIN) and MQTT deltas (source IOT): lock the product's row, refuse a delta that would make
 * available stock negative, log the adjustment with the levels after it, and collect
 * ecommerce.inventory.stock.adjusted.v1 (and ...depleted.v1 when nothing is left available).
 */
import { randomUUID } from 'node:crypto';
import {
  decideAdjustment,
  type AdjustmentReason,
  type AdjustmentSource,
} from '../domain/stock-adjustment';
import { becameDepleted } from '../domain/stock-level';
import { insertAdjustment, type AdjustmentRecord } from '../persistence/adjustment.repository';
import type { Db } from '../persistence/db';
import {
  applyStockChanges,
  lockOpenStockItemBySku,
  lockStockItems,
  type StockRow,
} from '../persistence/stock.repository';
import type { EventBatch } from './event-batch';

export interface AdjustStockCommand {
  /** The product, by id (REST) or by SKU (MQTT topic). */
  target: { productId: string } | { sku: string };
  delta: number;
  reason: AdjustmentReason;
  note: string | null;
  source: AdjustmentSource;
}

export type AdjustStockResult =
  | { kind: 'applied'; adjustment: AdjustmentRecord; level: StockRow }
  | { kind: 'unknown-product' }
  | { kind: 'insufficient-stock'; sku: string; available: number }
  | { kind: 'too-much-stock'; sku: string; onHand: number };

async function lockTarget(tx: Db, target: AdjustStockCommand['target']) {
  if ('sku' in target) return lockOpenStockItemBySku(tx, target.sku);
  const row = (await lockStockItems(tx, [target.productId])).get(target.productId);
  return row && !row.closedAt ? row : undefined;
}

export async function adjustStockStep(
  tx: Db,
  command: AdjustStockCommand,
  now: Date,
  events: EventBatch,
): Promise<AdjustStockResult> {
  const row = await lockTarget(tx, command.target);
  if (!row) return { kind: 'unknown-product' };
  const decision = decideAdjustment(row, command.delta);
  if (decision.kind === 'insufficient-stock')
    return { kind: 'insufficient-stock', sku: row.sku, available: decision.available };
  if (decision.kind === 'too-much-stock')
    return { kind: 'too-much-stock', sku: row.sku, onHand: decision.onHand };

  const after = (
    await applyStockChanges(
      tx,
      [{ productId: row.productId, onHandDelta: command.delta, reservedDelta: 0 }],
      now,
    )
  ).get(row.productId)!;
  const adjustment: AdjustmentRecord = {
    id: randomUUID(),
    productId: row.productId,
    delta: command.delta,
    reason: command.reason,
    note: command.note,
    source: command.source,
    onHandAfter: after.onHand,
    availableAfter: after.available,
    createdAt: now,
  };
  await insertAdjustment(tx, adjustment);
  await events.publish('ecommerce.inventory.stock.adjusted.v1', {
    productId: row.productId,
    sku: row.sku,
    adjustmentId: adjustment.id,
    delta: adjustment.delta,
    reason: adjustment.reason,
    source: adjustment.source,
    onHand: after.onHand,
    reserved: after.reserved,
    available: after.available,
    adjustedAt: now.toISOString(),
  });
  if (becameDepleted(row, after))
    await events.publish('ecommerce.inventory.stock.depleted.v1', {
      productId: row.productId,
      sku: row.sku,
      depletedAt: now.toISOString(),
    });
  return { kind: 'applied', adjustment, level: after };
}
