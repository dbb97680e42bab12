/**
 * The header list sent upstream (kong-gateway.md A7.1, nginx_kong.lua `proxy_set_header`s,
 * runloop/handler.lua access.before/after): Kong's X-Forwarded-*, X-Real-IP, Via, X-Kong-Request-Id
 * and Host first, then the client's headers minus hop-by-hop ones and those Kong or a plugin set.
 */
import { SERVER_TOKEN } from '../kong-version';
import { clientIp } from './client-ip';
import type { RequestContext } from './request-context';

/** Headers nginx itself never forwards from the client (ngx_http_proxy_headers + Kong's own). */
const ALWAYS_REPLACED = new Set([
  'host',
  'connection',
  'keep-alive',
  'te',
  'expect',
  'upgrade',
  'transfer-encoding',
  'content-length',
  'via',
  'x-real-ip',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-path',
  'x-forwarded-prefix',
  'x-kong-request-id',
  'proxy',
  'proxy-connection',
]);

/** Tokens of the client's Connection header that name hop-by-hop headers to drop. */
function connectionTokens(ctx: RequestContext): Set<string> | undefined {
  const value = ctx.header('connection');
  if (value === undefined || value === 'keep-alive' || value === 'close' || value === 'upgrade')
    return undefined;
  const tokens = new Set<string>();
  for (const t of value.split(',')) {
    const name = t.trim().toLowerCase();
    if (name) tokens.add(name);
  }
  return tokens;
}

/** `$host`: the Host header without port, lower-cased; nginx's server_name (`kong`) without one. */
function nginxHost(hostHeader: string | undefined): string {
  if (!hostHeader) return 'kong';
  const host = hostHeader.startsWith('[')
    ? hostHeader.slice(0, hostHeader.indexOf(']') + 1)
    : hostHeader.split(':', 1)[0]!;
  return host.toLowerCase();
}

export interface UpstreamTarget {
  /** Host header value for the upstream request. */
  host: string;
  /** `websocket` when the client asked to upgrade. */
  upgrade: boolean;
  /** body framing for the upstream request: a buffered body's length, or the client's framing. */
  contentLength: string | undefined;
  chunked: boolean;
}

/** Flat `[name, value, …]` list for undici / node:http. */
export function upstreamHeaders(ctx: RequestContext, target: UpstreamTarget): string[] {
  const out: string[] = ['Host', target.host];
  const match = ctx.match!;
  const hostHeader = ctx.header('host');
  const te = ctx.header('te');
  if (te !== undefined && te.split(',').some((t) => t.trim() === 'trailers'))
    out.push('TE', 'trailers');
  const via = ctx.header('via');
  // Kong prints ngx.req.http_version() as a Lua number: HTTP/1.0 becomes `1`.
  const version = ctx.req.httpVersion === '1.0' ? '1' : ctx.req.httpVersion;
  out.push('Via', via ? `${via}, ${version} ${SERVER_TOKEN}` : `${version} ${SERVER_TOKEN}`);
  if (target.upgrade) out.push('Upgrade', 'websocket', 'Connection', 'keep-alive, Upgrade');
  else out.push('Connection', 'keep-alive');
  const remote = clientIp(ctx);
  const xff = ctx.header('x-forwarded-for');
  out.push('X-Forwarded-For', xff !== undefined ? `${xff}, ${remote}` : remote);
  out.push('X-Forwarded-Proto', 'http');
  out.push('X-Forwarded-Host', nginxHost(hostHeader));
  out.push('X-Forwarded-Port', String(ctx.listenPort));
  out.push('X-Forwarded-Path', ctx.rawPath);
  const prefix = match.route.strip_path ? match.matchedPath : undefined;
  if (prefix !== undefined && prefix !== '/') out.push('X-Forwarded-Prefix', prefix);
  out.push('X-Real-IP', remote);
  out.push('X-Kong-Request-Id', ctx.requestId);
  if (target.contentLength !== undefined) out.push('Content-Length', target.contentLength);

  const hopByHop = connectionTokens(ctx);
  const overrides = ctx.upstreamHeaders;
  const raw = ctx.req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (ALWAYS_REPLACED.has(lower)) continue;
    if (hopByHop?.has(lower)) continue;
    if (overrides?.has(lower)) continue;
    out.push(name, raw[i + 1]!);
  }
  if (overrides) {
    for (const entry of overrides.values()) if (entry) out.push(entry.name, entry.value);
  }
  return out;
}
