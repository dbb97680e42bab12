/**
 * Per-request / per-event log fields carried by AsyncLocalStorage (platform/src/telemetry): the
 * HTTP bootstrap sets correlationId, auth adds userId, the event consumer adds eventType/eventId,
 * and every log line written inside that unit of work carries them.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line of the current unit of work carries. Any extra key is allowed (orderId …). */
export interface LogFields {
  correlationId?: string;
  userId?: string;
  eventType?: string;
  eventId?: string;
  [field: string]: unknown;
}

const storage = new AsyncLocalStorage<LogFields>();

/**
 * Runs `fn` with `fields` added to the current log context (inner values win); the context
 * follows every promise, timer and callback started inside `fn`.
 */
export function runWithLogContext<T>(fields: LogFields, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, fn);
}

/**
 * Adds fields to the current unit of work from inside it (e.g. userId once the token is verified,
 * orderId once it is known). Returns false, changing nothing, when called outside any context.
 */
export function addLogContext(fields: LogFields): boolean {
  const store = storage.getStore();
  if (!store) return false;
  Object.assign(store, fields);
  return true;
}

/** The fields of the current unit of work (empty outside any). */
export function getLogContext(): Readonly<LogFields> {
  return storage.getStore() ?? {};
}

/** The correlation id of the current request or event, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}
