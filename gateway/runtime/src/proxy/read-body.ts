/**
 * Reads a request body into memory, for the plugins and route settings that need it whole
 * (request-size-limiting without Content-Length, request_buffering of chunked bodies). Sends the
 * pending `100 Continue` first, as nginx does when it starts reading the body.
 */
import type { RequestContext } from './request-context';

/** Resolves with the body, or with `undefined` as soon as it exceeds `limit` bytes. */
export function readBody(ctx: RequestContext, limit = Infinity): Promise<Buffer | undefined> {
  sendContinueIfExpected(ctx);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const req = ctx.req;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

const CONTINUE_PENDING = Symbol('continuePending');

/** Marks a request that sent `Expect: 100-continue` (the server's checkContinue path). */
export function markContinuePending(ctx: RequestContext): void {
  (ctx as unknown as Record<symbol, boolean>)[CONTINUE_PENDING] = true;
}

export function sendContinueIfExpected(ctx: RequestContext): void {
  const flags = ctx as unknown as Record<symbol, boolean>;
  if (flags[CONTINUE_PENDING]) {
    flags[CONTINUE_PENDING] = false;
    ctx.res.writeContinue();
  }
}
