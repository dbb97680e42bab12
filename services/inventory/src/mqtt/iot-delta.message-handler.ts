/**
 * Handles one MQTT delta message for the ingest worker: applies it through the use case (retrying
 * when the database fails), logs and counts what happened, and says whether the message may be
 * acknowledged. A message that can never apply (bad topic or payload, unknown SKU, not enough
 * available stock) is logged, counted and acknowledged: redelivering it would change nothing.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '@bazaar/platform/telemetry/index';
import { InvalidFieldError } from '../domain/domain-errors';
import type { InventoryMetrics } from '../metrics';
import {
  ingestIotDelta,
  type IngestResult,
  type IotDeltaMessage,
} from '../use-cases/ingest-iot-delta.use-case';
import type { UseCaseDeps } from '../use-cases/use-case-deps';

export interface IotDeltaHandlerOptions {
  deps: UseCaseDeps;
  topicPrefix: string;
  /** Attempts when the database fails before giving the message back to the broker. */
  applyAttempts: number;
  logger: Logger;
  metrics: InventoryMetrics;
  /** Pause before retry n (1-based), in ms. */
  retryDelayMs?: (attempt: number) => number;
}

/** `ack`: handled for good (applied or refused); `redeliver`: leave it unacknowledged. */
export type Disposition = 'ack' | 'redeliver';

const OUTCOME_LABEL: Record<IngestResult['kind'], string> = {
  applied: 'applied',
  duplicate: 'duplicate',
  'unknown-product': 'unknown_sku',
  'insufficient-stock': 'insufficient_stock',
  'too-much-stock': 'too_much_stock',
};

export function createIotDeltaHandler(options: IotDeltaHandlerOptions) {
  const { deps, topicPrefix, applyAttempts, logger, metrics } = options;
  const retryDelayMs = options.retryDelayMs ?? ((attempt) => Math.min(200 * 2 ** attempt, 5_000));

  function report(message: IotDeltaMessage, result: IngestResult): void {
    metrics.iotMessages.inc({ outcome: OUTCOME_LABEL[result.kind] });
    const fields = { topic: message.topic, packetId: message.packetId, dup: message.dup };
    switch (result.kind) {
      case 'applied':
        logger.info(
          {
            ...fields,
            productId: result.adjustment.productId,
            adjustmentId: result.adjustment.id,
            delta: result.adjustment.delta,
            available: result.level.available,
          },
          'IoT stock delta applied',
        );
        return;
      case 'duplicate':
        logger.info(
          { ...fields, firstOutcome: result.firstOutcome, adjustmentId: result.adjustmentId },
          'IoT stock delta redelivered after a lost PUBACK; already handled, not handled again',
        );
        return;
      case 'unknown-product':
        logger.warn(fields, 'IoT stock delta dropped: no open product has this SKU');
        return;
      case 'insufficient-stock':
        logger.warn(
          { ...fields, sku: result.sku, available: result.available },
          'IoT stock delta dropped: it would make available stock negative',
        );
        return;
      case 'too-much-stock':
        logger.warn(
          { ...fields, sku: result.sku, onHand: result.onHand },
          'IoT stock delta dropped: on hand would overflow',
        );
    }
  }

  return async function handleIotDelta(message: IotDeltaMessage): Promise<Disposition> {
    for (let attempt = 1; ; attempt++) {
      try {
        report(message, await ingestIotDelta(deps, message, topicPrefix));
        return 'ack';
      } catch (error) {
        if (error instanceof InvalidFieldError) {
          metrics.iotMessages.inc({ outcome: 'invalid' });
          logger.warn(
            { topic: message.topic, packetId: message.packetId, field: error.field },
            `IoT stock delta dropped: ${error.message}`,
          );
          return 'ack';
        }
        if (attempt >= applyAttempts) {
          metrics.iotMessages.inc({ outcome: 'failed' });
          logger.error(
            { err: error, topic: message.topic, packetId: message.packetId, attempt },
            'IoT stock delta not applied; leaving it to the broker to redeliver',
          );
          return 'redeliver';
        }
        logger.warn(
          { err: error, topic: message.topic, packetId: message.packetId, attempt },
          'IoT stock delta failed; retrying',
        );
        await delay(retryDelayMs(attempt));
      }
    }
  };
}
