/**
 * Maps inventory's rows to the REST contract's schemas (StockLevel, StockAdjustment) so handlers
 * only translate, and the compiler points here when the contract changes.
 */
import type { Schemas } from '@bazaar/generated/http/inventory/types';
import type { AdjustmentRecord } from '../persistence/adjustment.repository';
import type { StockRow } from '../persistence/stock.repository';

export function toStockLevel(row: StockRow): Schemas['StockLevel'] {
  return {
    productId: row.productId,
    sku: row.sku,
    onHand: row.onHand,
    reserved: row.reserved,
    available: row.available,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toStockAdjustment(record: AdjustmentRecord): Schemas['StockAdjustment'] {
  return {
    id: record.id,
    productId: record.productId,
    delta: record.delta,
    reason: record.reason,
    note: record.note,
    onHandAfter: record.onHandAfter,
    availableAfter: record.availableAfter,
    source: record.source,
    createdAt: record.createdAt.toISOString(),
  };
}
