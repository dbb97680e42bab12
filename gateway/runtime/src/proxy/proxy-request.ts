/**
 * Sends the request to the service and streams the answer back (kong-gateway.md A2.5-A2.6,
 * A7.2, A7.4): keep-alive pools, `retries` on connection errors and timeouts (never re-sending a
 * non-idempotent request that already went out), read/connect timeouts → 504, other failures →
 * 502 through Kong's error handler, and no response buffering, so SSE streams flow as they come.
 */
import type { IncomingMessage } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Service } from '../declarative-config/model';
import { errorHandlerType, renderErrorBody, defaultErrorMessage } from './error-body';
import { addKongHeaders, runHeaderFilters, sendKongResponse } from './finish-response';
import { kongError } from './kong-response';
import type { RequestContext } from './request-context';
import { downstreamHeaders } from './upstream-response-headers';
import type { UpstreamPools } from './upstream-pools';

export interface UpstreamRequest {
  service: Service;
  path: string;
  headers: string[];
  /** A buffered body can be re-sent on retry; a streamed one only until it was first sent. */
  body: Buffer | IncomingMessage | null;
}

/** nginx `proxy_next_upstream` does not resend these once the request went out. */
const NON_IDEMPOTENT = new Set(['POST', 'LOCK', 'PATCH']);

const CONNECT_ERRORS = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUTS = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const DNS_ERRORS = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA']);

function errorCode(err: unknown): string {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.cause?.code ?? e.code ?? '';
}

/** Kong's error handler page for 502/504 (text/plain unless the client asked otherwise). */
function upstreamFailure(ctx: RequestContext, status: 502 | 504): void {
  const type = errorHandlerType(ctx.header('accept'), ctx.header('content-type'));
  ctx.exit = {
    status,
    headers: [['Content-Type', type]],
    body: renderErrorBody(type, defaultErrorMessage(status), ctx.requestId),
  };
  sendKongResponse(ctx);
}

/**
 * One upstream exchange with its retries, as an undici dispatch handler. A class rather than
 * closures: this runs for every request and allocates one object instead of a dozen functions.
 */
class UpstreamCall implements Dispatcher.DispatchHandler {
  private tries = 0;
  private sent = false;
  private headersDone = false;
  private finished = false;
  /** Body bytes still expected when the upstream sent Content-Length; -1 when unknown. */
  private remaining = -1;
  private abortFn: ((err?: Error) => void) | undefined;
  private resumeFn: (() => void) | undefined;
  private readonly askedTrailers: boolean;
  private readonly onClientGone = (): void => {
    if (!this.finished) this.abortFn?.(new Error('client closed the connection'));
  };
  private readonly onDrain = (): void => this.resumeFn?.();

  constructor(
    private readonly ctx: RequestContext,
    private readonly pools: UpstreamPools,
    private readonly up: UpstreamRequest,
    private readonly onDone: () => void,
  ) {
    this.askedTrailers = up.headers.includes('TE');
    ctx.res.once('close', this.onClientGone);
  }

  start(): void {
    this.tries += 1;
    this.sent = false;
    const service = this.up.service;
    this.ctx.upstreamStartedAt ||= performance.now();
    this.pools.poolFor(service).dispatch(
      {
        method: this.ctx.method as Dispatcher.HttpMethod,
        path: this.up.path,
        headers: this.up.headers,
        body: this.up.body,
        headersTimeout: service.read_timeout,
        bodyTimeout: service.read_timeout,
      },
      this,
    );
  }

  private done(): void {
    this.finished = true;
    this.ctx.res.off('close', this.onClientGone);
    this.onDone();
  }

  onConnect(abort: (err?: Error) => void): void {
    this.abortFn = abort;
    this.sent = true;
  }

  onHeaders(status: number, rawHeaders: Buffer[], resume: () => void): boolean {
    if (status < 200) return true;
    const ctx = this.ctx;
    this.headersDone = true;
    this.resumeFn = resume;
    ctx.upstreamHeadersAt = performance.now();
    const headers = downstreamHeaders(rawHeaders, this.askedTrailers);
    const length = headers.get('content-length');
    this.remaining = length === undefined || ctx.method === 'HEAD' ? -1 : Number(length);
    runHeaderFilters(ctx, headers);
    addKongHeaders(ctx, headers);
    ctx.status = status;
    ctx.responseSource = 'service';
    ctx.res.writeHead(status, headers.flat());
    return true;
  }

  onData(chunk: Buffer): boolean {
    const res = this.ctx.res;
    if (this.remaining > 0) {
      this.remaining -= chunk.length;
      // The last chunk of a sized body goes out with end(): one write instead of two.
      if (this.remaining <= 0) {
        res.end(chunk);
        return true;
      }
    }
    if (res.write(chunk)) return true;
    res.once('drain', this.onDrain);
    return false;
  }

  onComplete(): void {
    const res = this.ctx.res;
    if (!res.writableEnded) res.end();
    this.done();
  }

  onError(err: Error): void {
    const ctx = this.ctx;
    const res = ctx.res;
    if (this.headersDone || res.headersSent) {
      res.destroy(err);
      this.done();
      return;
    }
    const code = errorCode(err);
    if (DNS_ERRORS.has(code)) {
      // Name resolution happens in Kong's balancer, before the request counts as proxied.
      ctx.proxied = false;
      kongError(ctx, 503, 'name resolution failed');
      sendKongResponse(ctx);
      this.done();
      return;
    }
    const wentOut = this.sent && !CONNECT_ERRORS.has(code);
    // undici destroys a streamed body when the attempt fails: only buffered bodies are replayable.
    const replayable = this.up.body === null || Buffer.isBuffer(this.up.body);
    const idempotentOrUnsent = !(wentOut && NON_IDEMPOTENT.has(ctx.method));
    if (
      !res.destroyed &&
      this.tries <= this.up.service.retries &&
      replayable &&
      idempotentOrUnsent
    ) {
      this.start();
      return;
    }
    ctx.responseSource = 'error';
    upstreamFailure(ctx, TIMEOUTS.has(code) ? 504 : 502);
    this.done();
  }
}

export function proxyRequest(
  ctx: RequestContext,
  pools: UpstreamPools,
  up: UpstreamRequest,
  onDone: () => void,
): void {
  new UpstreamCall(ctx, pools, up, onDone).start();
}
