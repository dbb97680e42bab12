/**
 * adjustStock (REST, admin): adds a delta to a product's stock on hand in one transaction with its
 * log entry and events; refused without any change when available stock would go negative.
 */
import { withTransaction } from '@bazaar/platform/db/index';
import {
  adjustStockStep,
  type AdjustStockCommand,
  type AdjustStockResult,
} from './adjust-stock.step';
import { createEventBatch } from './event-batch';
import type { UseCaseDeps } from './use-case-deps';

export async function adjustStock(
  deps: UseCaseDeps,
  command: AdjustStockCommand,
): Promise<AdjustStockResult> {
  const now = deps.clock();
  return withTransaction(deps.pool, async (tx) => {
    const events = createEventBatch();
    const result = await adjustStockStep(tx, command, now, events);
    if (result.kind === 'applied') await events.appendTo(tx);
    return result;
  });
}
