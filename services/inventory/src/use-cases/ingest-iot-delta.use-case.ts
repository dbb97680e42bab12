/**
 * Applies one IoT stock delta received over MQTT (topic `<prefix>/{sku}/delta`, QoS 1) exactly as
 * an adjustStock request with source IOT would be, and recognises a redelivery of a delta already
 * handled: a message flagged DUP whose packet id, topic and payload match the receipt recorded
 * with the first handling (mqtt_receipts) is a QoS 1 resend whose PUBACK was lost, not a new
 * reading, and is answered with the first handling's outcome.
 */
import { createHash } from 'node:crypto';
import { withTransaction } from '@bazaar/platform/db/index';
import { parseIotDelta } from '../domain/iot-delta';
import { findReceipt, lockPacket, saveReceipt } from '../persistence/mqtt-receipt.repository';
import { adjustStockStep, type AdjustStockResult } from './adjust-stock.step';
import { createEventBatch } from './event-batch';
import type { UseCaseDeps } from './use-case-deps';

export interface IotDeltaMessage {
  /** The ingest's MQTT client id: packet ids are per session. */
  clientId: string;
  /** Absent for QoS 0, which has no packet id and no redelivery. */
  packetId: number | undefined;
  /** The broker re-sent the message (MQTT DUP flag). */
  dup: boolean;
  topic: string;
  payload: Buffer;
}

export type IngestResult =
  AdjustStockResult | { kind: 'duplicate'; firstOutcome: string; adjustmentId: string | null };

const RECEIPT_OUTCOME: Record<AdjustStockResult['kind'], string> = {
  applied: 'applied',
  'unknown-product': 'unknown_sku',
  'insufficient-stock': 'insufficient_stock',
  'too-much-stock': 'too_much_stock',
};

/** @throws InvalidFieldError for a topic or payload that breaks the contract's rules. */
export async function ingestIotDelta(
  deps: UseCaseDeps,
  message: IotDeltaMessage,
  topicPrefix: string,
): Promise<IngestResult> {
  const delta = parseIotDelta(message.topic, topicPrefix, message.payload.toString('utf8'));
  const payloadSha256 = createHash('sha256').update(message.payload).digest('hex');
  const now = deps.clock();
  const { packetId } = message;
  return withTransaction(deps.pool, async (tx): Promise<IngestResult> => {
    if (packetId !== undefined) {
      await lockPacket(tx, message.clientId, packetId);
      const receipt = message.dup ? await findReceipt(tx, message.clientId, packetId) : undefined;
      if (receipt && receipt.topic === message.topic && receipt.payloadSha256 === payloadSha256)
        return {
          kind: 'duplicate',
          firstOutcome: receipt.outcome,
          adjustmentId: receipt.adjustmentId,
        };
    }
    const events = createEventBatch();
    const result = await adjustStockStep(
      tx,
      {
        target: { sku: delta.sku },
        delta: delta.delta,
        reason: delta.reason,
        note: null,
        source: 'IOT',
      },
      now,
      events,
    );
    if (packetId !== undefined)
      await saveReceipt(tx, {
        clientId: message.clientId,
        packetId,
        topic: message.topic,
        payloadSha256,
        outcome: RECEIPT_OUTCOME[result.kind],
        adjustmentId: result.kind === 'applied' ? result.adjustment.id : null,
        handledAt: now,
      });
    await events.appendTo(tx);
    return result;
  });
}
