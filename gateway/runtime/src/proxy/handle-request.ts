/**
 * One HTTP request through the gateway, in Kong's order (kong/init.lua, runloop/handler.lua):
 * normalize and route (404), protocol check (426/redirect), plugins' access phase by priority
 * with the consumer known so far, 503 for a route without service, then the upstream request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { upstreamPath } from '../router/upstream-uri';
import { escapeUpstreamPath, normalizePath } from '../router/normalize-path';
import { resolveEntry } from '../plugins/plugin-plan';
import { sendKongResponse, runLogPhase } from './finish-response';
import { kongError } from './kong-response';
import { proxyRequest } from './proxy-request';
import { markContinuePending, readBody, sendContinueIfExpected } from './read-body';
import { RequestContext } from './request-context';
import { upstreamHeaders } from './upstream-headers';
import type { GatewayRuntime } from './gateway-runtime';
import { proxyWebSocket } from './websocket';
import { httpsOnly, rejectedByNginx } from './runloop-checks';

function route(gw: GatewayRuntime, ctx: RequestContext): void {
  try {
    ctx.path = ctx.rawPath.startsWith('/') ? normalizePath(ctx.rawPath) : undefined;
  } catch {
    ctx.path = undefined;
  }
  if (ctx.path === undefined) return;
  ctx.match = gw.router.match(ctx as RequestContext & { path: string });
}

function useGlobalPlugins(gw: GatewayRuntime, ctx: RequestContext): void {
  for (const entry of gw.plans.global) if (entry.base) ctx.plugins.push(entry.base);
}

/**
 * The access phase from plan entry `from` on. Synchronous unless a plugin returns a promise
 * (Redis, body reads); then it continues after that promise, so the common path allocates none.
 */
function runAccess(
  gw: GatewayRuntime,
  ctx: RequestContext,
  from: number,
): Promise<void> | undefined {
  const plan = gw.plans.forRoute(ctx.match!.route.id);
  for (let i = from; i < plan.length; i++) {
    const plugin = resolveEntry(plan[i]!, ctx.consumer?.id);
    if (!plugin) continue;
    ctx.plugins.push(plugin);
    if (ctx.exit || !plugin.phases.access) continue;
    let pending: void | Promise<void>;
    try {
      pending = plugin.phases.access(ctx);
    } catch (err) {
      gw.onPluginError(plugin.handler.name, err);
      kongError(ctx, 500);
      continue;
    }
    if (pending) {
      return pending.then(
        () => runAccess(gw, ctx, i + 1),
        (err: unknown) => {
          gw.onPluginError(plugin.handler.name, err);
          kongError(ctx, 500);
          return runAccess(gw, ctx, i + 1);
        },
      );
    }
  }
  return undefined;
}

/** Body for the upstream: none, buffered (request_buffering, as Kong), or streamed. */
interface UpstreamBody {
  body: Buffer | IncomingMessage | null;
  length?: string;
}

function upstreamBody(ctx: RequestContext): UpstreamBody | Promise<UpstreamBody> {
  const length = ctx.header('content-length');
  const chunked = ctx.header('transfer-encoding') !== undefined;
  if (ctx.bufferedBody) return { body: ctx.bufferedBody, length: String(ctx.bufferedBody.length) };
  if (!chunked && (length === undefined || length === '0')) return { body: null, length };
  if (ctx.match!.route.request_buffering) {
    return readBody(ctx).then((body) => ({ body: body!, length: String(body!.length) }));
  }
  sendContinueIfExpected(ctx);
  return { body: ctx.req, length: chunked ? undefined : length };
}

function upstreamHost(ctx: RequestContext): string {
  const match = ctx.match!;
  const host = ctx.header('host');
  if (match.route.preserve_host && host !== undefined) return host;
  const service = match.service!;
  const defaultPort = service.protocol === 'https' ? 443 : 80;
  const name = service.host.includes(':') ? `[${service.host}]` : service.host;
  return service.port === defaultPort ? name : `${name}:${service.port}`;
}

function proxy(
  gw: GatewayRuntime,
  ctx: RequestContext,
  body: Buffer | IncomingMessage | null,
  length: string | undefined,
): void {
  const match = ctx.match!;
  const service = match.service!;
  const query = ctx.upstreamQuery ?? ctx.query;
  const path =
    escapeUpstreamPath(
      upstreamPath(ctx.path!, service.path ?? '/', match.route.strip_path, match.matchedPath),
    ) + (query === undefined ? '' : `?${query}`);
  ctx.proxied = true;
  const headers = upstreamHeaders(ctx, {
    host: upstreamHost(ctx),
    upgrade: ctx.upgrade !== undefined,
    contentLength: length,
    chunked: body !== null && length === undefined,
  });
  if (ctx.upgrade)
    proxyWebSocket(ctx, service, path, headers, ctx.upgrade.socket, ctx.upgrade.head, noop);
  else proxyRequest(ctx, gw.pools, { service, path, headers, body }, noop);
}

function noop(): void {}

/** After the access phase: Kong's own answer, 503 without service, or the upstream request. */
function afterAccess(gw: GatewayRuntime, ctx: RequestContext): void | Promise<void> {
  scheduleLog(ctx);
  if (ctx.exit) return sendKongResponse(ctx);
  if (!ctx.match!.service) {
    kongError(ctx, 503, 'no Service found with those values');
    return sendKongResponse(ctx);
  }
  if (ctx.upgrade) return proxy(gw, ctx, null, undefined);
  const body = upstreamBody(ctx);
  if (body instanceof Promise) return body.then(({ body: b, length }) => proxy(gw, ctx, b, length));
  return proxy(gw, ctx, (body as UpstreamBody).body, (body as UpstreamBody).length);
}

/** Plugins' log phase once the response is over (finished or aborted). */
function scheduleLog(ctx: RequestContext): void {
  if (!ctx.plugins.some((p) => p.phases.log)) return;
  if (ctx.res.writableFinished || ctx.res.destroyed) runLogPhase(ctx);
  else ctx.res.once('close', () => runLogPhase(ctx));
}

function serve(gw: GatewayRuntime, ctx: RequestContext): void | Promise<void> {
  if (rejectedByNginx(ctx)) return sendKongResponse(ctx);
  route(gw, ctx);
  if (!ctx.match || httpsOnly(ctx)) {
    if (!ctx.exit) kongError(ctx, 404, 'no Route matched with those values');
    useGlobalPlugins(gw, ctx);
    scheduleLog(ctx);
    return sendKongResponse(ctx);
  }
  const pending = runAccess(gw, ctx, 0);
  if (pending) return pending.then(() => afterAccess(gw, ctx));
  return afterAccess(gw, ctx);
}

export interface RequestExtras {
  upgrade?: RequestContext['upgrade'];
  /** The client sent `Expect: 100-continue`; we answer 100 only when we start reading the body. */
  expectContinue?: boolean;
}

export function createRequestHandler(gw: GatewayRuntime) {
  return function handleRequest(
    req: IncomingMessage,
    res: ServerResponse,
    extras?: RequestExtras,
  ): void {
    const ctx = new RequestContext(req, res, req.socket.localPort ?? 0);
    if (extras) {
      ctx.upgrade = extras.upgrade;
      if (extras.expectContinue) markContinuePending(ctx);
    }
    gw.metrics.requestStarted();
    try {
      const pending = serve(gw, ctx);
      if (pending) pending.catch((err: unknown) => failed(gw, ctx, err));
    } catch (err) {
      failed(gw, ctx, err);
    }
  };
}

/** A runloop error: Kong answers 500 if it still can. */
function failed(gw: GatewayRuntime, ctx: RequestContext, err: unknown): void {
  gw.onPluginError('runloop', err);
  if (!ctx.res.headersSent) {
    kongError(ctx, 500);
    sendKongResponse(ctx);
  } else {
    ctx.res.destroy();
  }
}
