/**
 * The logging surface the event bus, relay and inbox write to (platform/src/events): the subset of
 * pino's Logger they use, so a service passes its telemetry logger and tests pass a collector.
 */

export interface EventLogger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** Discards everything; the default when no logger is given. */
export const silentLogger: EventLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** `{ err: { message, stack } }` in the shape pino's error serializer writes. */
export function errorFields(error: unknown): { err: { message: string; stack?: string } } {
  return error instanceof Error
    ? { err: { message: error.message, stack: error.stack } }
    : { err: { message: String(error) } };
}
