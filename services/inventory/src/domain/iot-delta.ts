/**
 * What an IoT device reports over MQTT (inventory domain): the SKU from the topic
 * `<prefix>/{sku}/delta` and the payload `{"delta": -2, "reason": "SENSOR"}`, held to the same
 * rules as a REST adjustStock body (contracts/openapi/inventory.yaml, NewStockAdjustment).
 */
import { InvalidFieldError } from './domain-errors';
import { MAX_ABS_DELTA, isAdjustmentReason, type AdjustmentReason } from './stock-adjustment';

/** The catalog's SKU pattern (contracts/openapi/catalog.yaml, Sku). */
const SKU = /^[A-Z0-9][A-Z0-9-]{2,31}$/;

export interface IotDelta {
  readonly sku: string;
  readonly delta: number;
  readonly reason: AdjustmentReason;
}

/** The SKU a delta topic names, e.g. `iot/inventory/MUG-BLUE-01/delta` under `iot/inventory`. */
export function skuFromTopic(topic: string, prefix: string): string {
  const head = `${prefix}/`;
  const tail = '/delta';
  if (!topic.startsWith(head) || !topic.endsWith(tail) || topic.length <= head.length + tail.length)
    throw new InvalidFieldError('topic', `must be ${prefix}/{sku}/delta`);
  const sku = topic.slice(head.length, topic.length - tail.length);
  if (!SKU.test(sku))
    throw new InvalidFieldError('topic.sku', `"${sku}" is not a SKU (A-Z, 0-9 and -, 3 to 32)`);
  return sku;
}

/** Parses and checks a delta message; throws InvalidFieldError naming the field at fault. */
export function parseIotDelta(topic: string, prefix: string, payload: string): IotDelta {
  const sku = skuFromTopic(topic, prefix);
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    throw new InvalidFieldError('payload', 'is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new InvalidFieldError('payload', 'must be a JSON object');
  const fields = body as Record<string, unknown>;
  for (const key of Object.keys(fields))
    if (key !== 'delta' && key !== 'reason')
      throw new InvalidFieldError(`payload.${key}`, 'is not an allowed field');
  const { delta, reason } = fields;
  if (typeof delta !== 'number' || !Number.isInteger(delta))
    throw new InvalidFieldError('payload.delta', 'must be an integer');
  if (delta === 0) throw new InvalidFieldError('payload.delta', 'must not be 0');
  if (Math.abs(delta) > MAX_ABS_DELTA)
    throw new InvalidFieldError(
      'payload.delta',
      `must be between -${MAX_ABS_DELTA} and ${MAX_ABS_DELTA}`,
    );
  if (!isAdjustmentReason(reason))
    throw new InvalidFieldError(
      'payload.reason',
      'must be one of RESTOCK, DAMAGE, CORRECTION, RETURN, SENSOR',
    );
  return { sku, delta, reason };
}
