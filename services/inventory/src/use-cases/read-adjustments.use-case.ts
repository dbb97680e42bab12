/**
 * Reads of the adjustments log (REST listStockAdjustments, getStockAdjustment). The log of a
 * product the catalog deleted stays readable: it is the audit trail of what happened to its stock.
 */
import {
  findAdjustment,
  listAdjustments,
  type AdjustmentRecord,
} from '../persistence/adjustment.repository';
import { stockItemExists } from '../persistence/stock.repository';
import type { UseCaseDeps } from './use-case-deps';

/** A page of the log, or undefined when inventory never knew the product. */
export async function listStockAdjustments(
  deps: Pick<UseCaseDeps, 'pool'>,
  productId: string,
  page: { number: number; size: number },
): Promise<{ items: AdjustmentRecord[]; totalItems: number } | undefined> {
  if (!(await stockItemExists(deps.pool, productId))) return undefined;
  return listAdjustments(deps.pool, productId, page);
}

export function getStockAdjustment(
  deps: Pick<UseCaseDeps, 'pool'>,
  productId: string,
  adjustmentId: string,
): Promise<AdjustmentRecord | undefined> {
  return findAdjustment(deps.pool, productId, adjustmentId);
}
