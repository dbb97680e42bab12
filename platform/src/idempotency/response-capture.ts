/**
 * Captures what a handler sends (platform/src/idempotency) and runs an async step — storing the
 * response for replays — BEFORE the last byte leaves, so a client that has seen the response and
 * retries always finds it stored.
 */
import type { Response } from 'express';
import type { StoredResponse } from './idempotency-store';

/** Headers that describe this connection or this request, not the resource: never replayed. */
const NOT_REPLAYED = new Set([
  'connection',
  'content-length',
  'correlation-id',
  'date',
  'keep-alive',
  'set-cookie',
  'traceparent',
  'tracestate',
  'transfer-encoding',
  'x-request-id',
]);

function toBuffer(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return undefined;
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.from(
    String(chunk),
    typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
  );
}

/** The response headers worth storing for a replay. */
export function replayableHeaders(res: Response): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value === undefined || NOT_REPLAYED.has(name.toLowerCase())) continue;
    headers[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return headers;
}

/**
 * Wraps `res.write`/`res.end`: when the handler ends the response, `beforeEnd(captured)` runs and
 * only then is the response actually ended (even if beforeEnd fails: the client still gets its
 * answer).
 */
export function captureResponse(
  res: Response,
  beforeEnd: (response: StoredResponse) => Promise<void>,
): void {
  const chunks: Buffer[] = [];
  const originalWrite = res.write;
  const originalEnd = res.end;
  res.write = function write(this: Response, ...args: unknown[]) {
    const chunk = toBuffer(args[0], args[1]);
    if (chunk) chunks.push(chunk);
    return (originalWrite as (...a: unknown[]) => boolean).apply(this, args);
  } as Response['write'];
  res.end = function end(this: Response, ...args: unknown[]) {
    const chunk = toBuffer(args[0], args[1]);
    if (chunk) chunks.push(chunk);
    res.write = originalWrite;
    res.end = originalEnd;
    const response: StoredResponse = {
      status: res.statusCode,
      headers: replayableHeaders(res),
      body: Buffer.concat(chunks),
    };
    const finish = () => (originalEnd as (...a: unknown[]) => Response).apply(this, args);
    beforeEnd(response).then(finish, finish);
    return this;
  } as Response['end'];
}
