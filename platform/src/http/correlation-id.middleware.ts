/**
 * Gives every request a correlation id (platform/src/http) and echoes it as `Correlation-Id` on
 * the response. The gateway's correlation-id plugin normally supplies it; a request that reached
 * the service some other way gets the gateway's request id or a fresh UUID instead.
 */
import { randomUUID } from 'node:crypto';
import { type NextFunction, type Request, type Response } from 'express';
import { CORRELATION_ID_HEADER } from '../telemetry/outgoing-context';

/**
 * Headers read, first non-empty valid value wins:
 * - `Correlation-Id`: the contract header (contracts/README.md), set by clients or by Kong's
 *   correlation-id plugin configured with that header name;
 * - `Kong-Request-ID`: the plugin's default header name, in case an overlay keeps the default;
 * - `X-Kong-Request-Id`: the id Kong adds to every proxied request (kong-gateway.md A7.1), so a
 *   service log line can be joined with Kong's access log even without the plugin.
 */
export const CORRELATION_ID_SOURCES = [
  'correlation-id',
  'kong-request-id',
  'x-kong-request-id',
] as const;

/** Printable ASCII, no spaces, at most 200 chars: anything else is replaced, to keep logs clean. */
const VALID_CORRELATION_ID = /^[\x21-\x7e]{1,200}$/;

/** The request's correlation id (set by `correlationId()`). */
export function correlationIdOf(res: Response): string {
  const value: unknown = res.locals['correlationId'];
  if (typeof value !== 'string')
    throw new Error('correlationIdOf: the correlationId middleware has not run');
  return value;
}

/** Reads or creates the correlation id, stores it in `res.locals.correlationId`, echoes it. */
export function correlationId() {
  return function correlationId(req: Request, res: Response, next: NextFunction): void {
    let id: string | undefined;
    for (const header of CORRELATION_ID_SOURCES) {
      const value = req.headers[header];
      const candidate = (Array.isArray(value) ? value[0] : value)?.trim();
      if (candidate && VALID_CORRELATION_ID.test(candidate)) {
        id = candidate;
        break;
      }
    }
    id ??= randomUUID();
    res.locals['correlationId'] = id;
    res.setHeader(CORRELATION_ID_HEADER, id);
    next();
  };
}
