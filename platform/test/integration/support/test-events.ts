/**
 * Test-local event types and a hand-written registry with the same contract as the generated one
 * (generated/events/<service>/): envelope checks, known types, payload schema per type.
 */
import type pg from 'pg';
import {
  createEnvelope,
  type EventEnvelope,
  type EventRegistry,
  type EventValidation,
} from '../../../src/events';

export const WIDGET_CHANGED = 'ecommerce.test.widget.changed.v1';
export const WIDGET_REMOVED = 'ecommerce.test.widget.removed.v1';
/** Known to the registry but received by nobody in these tests. */
export const WIDGET_AUDITED = 'ecommerce.test.widget.audited.v1';

export interface WidgetChanged {
  widgetId: string;
  seq: number;
}
export interface WidgetRemoved {
  widgetId: string;
}

export type WidgetChangedEvent = EventEnvelope<typeof WIDGET_CHANGED, WidgetChanged>;
export type WidgetRemovedEvent = EventEnvelope<typeof WIDGET_REMOVED, WidgetRemoved>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FIELDS = [
  'eventId',
  'eventType',
  'occurredAt',
  'producer',
  'traceId',
  'correlationId',
  'schemaVersion',
  'partitionKey',
  'payload',
];

function payloadErrors(type: string, payload: Record<string, unknown>): string[] {
  const errors: string[] = [];
  if (typeof payload['widgetId'] !== 'string') errors.push('/payload/widgetId must be string');
  if (type === WIDGET_CHANGED && !Number.isInteger(payload['seq']))
    errors.push('/payload/seq must be integer');
  return errors;
}

export const testRegistry: EventRegistry = {
  types: [WIDGET_CHANGED, WIDGET_REMOVED, WIDGET_AUDITED],
  validate(value: unknown): EventValidation {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, reason: 'not-an-envelope', errors: ['message is not a JSON object'] };
    }
    const record = value as Record<string, unknown>;
    const missing = FIELDS.filter((f) => !(f in record));
    if (missing.length > 0)
      return { ok: false, reason: 'not-an-envelope', errors: missing.map((f) => `missing ${f}`) };
    if (typeof record['eventId'] !== 'string' || !UUID.test(record['eventId'])) {
      return { ok: false, reason: 'not-an-envelope', errors: ['/eventId must be a uuid'] };
    }
    const type = record['eventType'];
    if (typeof type !== 'string' || !this.types.includes(type)) {
      return { ok: false, reason: 'unknown-type', errors: [`unknown event type ${String(type)}`] };
    }
    const payload = record['payload'];
    if (typeof payload !== 'object' || payload === null) {
      return { ok: false, reason: 'schema', errors: ['/payload must be object'] };
    }
    const errors = payloadErrors(type, payload as Record<string, unknown>);
    if (errors.length > 0) return { ok: false, reason: 'schema', errors };
    return { ok: true, event: record as unknown as EventEnvelope };
  },
};

export function widgetChanged(
  widgetId: string,
  seq: number,
  correlationId?: string,
): WidgetChangedEvent {
  return createEnvelope({
    eventType: WIDGET_CHANGED,
    payload: { widgetId, seq },
    producer: 'test',
    partitionKey: widgetId,
    schemaVersion: '1.0',
    correlationId,
  });
}

export function widgetRemoved(widgetId: string): WidgetRemovedEvent {
  return createEnvelope({
    eventType: WIDGET_REMOVED,
    payload: { widgetId },
    producer: 'test',
    partitionKey: widgetId,
    schemaVersion: '1.0',
  });
}

/** The effects table handlers write to; no unique key on event_id, so duplicates would show. */
export async function createEffectsTable(pool: pg.Pool): Promise<void> {
  await pool.query(`CREATE TABLE IF NOT EXISTS effects (
    n          bigserial PRIMARY KEY,
    event_id   uuid NOT NULL,
    widget_id  text NOT NULL,
    seq        integer
  )`);
}

export async function countEffects(pool: pg.Pool): Promise<{ rows: number; distinct: number }> {
  const result = await pool.query<{ rows: string; distinct: string }>(
    'SELECT count(*) AS rows, count(DISTINCT event_id) AS distinct FROM effects',
  );
  return { rows: Number(result.rows[0]?.rows), distinct: Number(result.rows[0]?.distinct) };
}
