/**
 * The last steps before a response leaves: plugins' header_filter in priority order, then Kong's
 * own headers (kong-gateway.md A7.2, runloop/handler.lua header_filter.after) — latency headers,
 * Via and Server for proxied responses, X-Kong-Response-Latency and Server for Kong's own — and
 * the log phase once the response is done.
 */
import { SERVER_TOKEN } from '../kong-version';
import type { RequestContext } from './request-context';
import { ResponseHeaders } from './response-headers';

function ms(from: number, to: number): string {
  return String(Math.max(0, Math.round(to - from)));
}

export function runHeaderFilters(ctx: RequestContext, headers: ResponseHeaders): void {
  if (ctx.accessResponseHeaders) for (const [n, v] of ctx.accessResponseHeaders) headers.set(n, v);
  for (const plugin of ctx.plugins) {
    if (!plugin.phases.headerFilter) continue;
    try {
      plugin.phases.headerFilter(ctx, headers);
    } catch (err) {
      // Kong logs header_filter errors; the response is already decided.
      process.emitWarning(
        `plugin ${plugin.handler.name} header_filter failed: ${(err as Error).message}`,
      );
    }
  }
}

/** Adds the runloop's headers; `upstreamVia` is the upstream's Via for proxied responses. */
export function addKongHeaders(ctx: RequestContext, headers: ResponseHeaders): void {
  const now = performance.now();
  if (ctx.proxied) {
    headers.set('X-Kong-Upstream-Latency', ms(ctx.upstreamStartedAt, ctx.upstreamHeadersAt || now));
    headers.set('X-Kong-Proxy-Latency', ms(ctx.startedAt, ctx.upstreamStartedAt));
    const via = headers.get('via');
    headers.set('Via', via ? `${via}, 1.1 ${SERVER_TOKEN}` : `1.1 ${SERVER_TOKEN}`);
    if (!headers.has('server')) headers.set('Server', SERVER_TOKEN);
  } else {
    headers.set('X-Kong-Response-Latency', ms(ctx.startedAt, now));
    if (headers.get('via') !== SERVER_TOKEN) headers.set('Server', SERVER_TOKEN);
  }
  headers.set('X-Kong-Request-Id', ctx.requestId);
  // nginx sends no Keep-Alive header; naming Connection ourselves keeps Node from adding one.
  if (!headers.has('connection'))
    headers.set('Connection', ctx.res.shouldKeepAlive ? 'keep-alive' : 'close');
}

export function runLogPhase(ctx: RequestContext): void {
  for (const plugin of ctx.plugins) {
    if (!plugin.phases.log) continue;
    try {
      plugin.phases.log(ctx);
    } catch (err) {
      process.emitWarning(`plugin ${plugin.handler.name} log failed: ${(err as Error).message}`);
    }
  }
}

/** Writes the Kong-generated response recorded in `ctx.exit`. */
export function sendKongResponse(ctx: RequestContext): void {
  const exit = ctx.exit!;
  const res = ctx.res;
  if (res.headersSent || res.destroyed) return;
  const headers = new ResponseHeaders();
  for (const [n, v] of exit.headers) headers.set(n, v);
  runHeaderFilters(ctx, headers);
  addKongHeaders(ctx, headers);
  const body = exit.body ?? '';
  headers.set('Content-Length', String(Buffer.byteLength(body)));
  ctx.status = exit.status;
  res.writeHead(exit.status, headers.flat());
  res.end(ctx.method === 'HEAD' ? undefined : body);
}
