/**
 * Everything one proxied request carries through the phases (Kong's `ngx.ctx` + `kong.ctx`):
 * the parsed request line, the route match, the authenticated consumer, upstream header edits,
 * a Kong-generated response if a phase ended the request, and timings for the latency headers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Consumer } from '../declarative-config/model';
import type { RouteMatch } from '../router/match-route';
import type { ResolvedPlugin } from '../plugins/plugin-plan';
import { newRequestId } from './request-id';

/** A response produced by Kong itself (kong.response.exit / kong.response.error). */
export interface KongExit {
  status: number;
  headers: [string, string][];
  body?: string;
}

/** The credential an auth plugin accepted: `id` for rate-limiting, `key` for jwt's identifier. */
export interface Credential {
  id: string;
  key?: string;
}

export class RequestContext {
  readonly startedAt = performance.now();
  readonly requestId = newRequestId();
  /** Socket bytes written before this request's response (for nginx `$bytes_sent`). */
  readonly bytesWrittenAtStart: number;
  /** Request target path as received, before normalization (X-Forwarded-Path). */
  readonly rawPath: string;
  /** Raw query text after `?`; undefined when the target had no `?`. */
  readonly query: string | undefined;
  /** Normalized path; undefined when it decoded to invalid UTF-8 (router answers 404). */
  path: string | undefined;
  match: RouteMatch | undefined;
  consumer: Consumer | undefined;
  credential: Credential | undefined;
  /** Upstream request header edits by plugins: lower-case name → value, or null to remove. */
  upstreamHeaders: Map<string, { name: string; value: string } | null> | undefined;
  /** Query text to send upstream instead of `query` (key-auth `hide_credentials`). */
  upstreamQuery: string | undefined;
  /** Response headers plugins set during access (rate-limit headers), applied to whatever answers. */
  accessResponseHeaders: [string, string][] | undefined;
  exit: KongExit | undefined;
  /** Plugins collected for this request, in priority order (header_filter and log use them). */
  plugins: ResolvedPlugin[] = [];
  /** Per-plugin request state (Kong's `kong.ctx.plugin`), keyed by plugin name. */
  pluginState: Record<string, unknown> | undefined;
  /** Body read by a plugin (request-size-limiting) that must be replayed upstream. */
  bufferedBody: Buffer | undefined;
  proxied = false;
  /** kong.response.get_source(): `service` (upstream answered), `error` (upstream failed), `exit`. */
  responseSource: 'service' | 'error' | 'exit' = 'exit';
  upstreamStartedAt = 0;
  upstreamHeadersAt = 0;
  status = 0;
  /** Set for `Upgrade: websocket` requests: the raw client socket and any bytes read past the head. */
  upgrade: { socket: Socket; head: Buffer } | undefined;
  private parsedQuery: Map<string, string | true | (string | true)[]> | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly listenPort: number,
  ) {
    this.bytesWrittenAtStart = req.socket.bytesWritten;
    const url = req.url ?? '/';
    const q = url.indexOf('?', 1);
    this.rawPath = q === -1 ? url : url.slice(0, q);
    this.query = q === -1 ? undefined : url.slice(q + 1);
  }

  get method(): string {
    return this.req.method ?? 'GET';
  }

  /** The raw Host header (the router's `http.host` input). */
  get host(): string | undefined {
    return this.header('host');
  }

  /** First value of a request header (lower-case name), as kong.request.get_header. */
  header(name: string): string | undefined {
    const v = this.req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  }

  /** Every occurrence of a request header, unjoined. */
  headerValues(name: string): string[] {
    const raw = this.req.rawHeaders;
    const out: string[] = [];
    for (let i = 0; i < raw.length; i += 2)
      if (raw[i]!.toLowerCase() === name) out.push(raw[i + 1]!);
    return out;
  }

  /** Query arguments like kong.request.get_query(): `?a` is `true`, repeats become arrays. */
  queryArg(name: string): string | true | (string | true)[] | undefined {
    if (this.query === undefined) return undefined;
    this.parsedQuery ??= parseQuery(this.query);
    return this.parsedQuery.get(name);
  }

  setUpstreamHeader(name: string, value: string): void {
    (this.upstreamHeaders ??= new Map()).set(name.toLowerCase(), { name, value });
  }

  clearUpstreamHeader(name: string): void {
    (this.upstreamHeaders ??= new Map()).set(name.toLowerCase(), null);
  }

  state<T>(plugin: string): T | undefined {
    return this.pluginState?.[plugin] as T | undefined;
  }

  setState(plugin: string, value: unknown): void {
    (this.pluginState ??= {})[plugin] = value;
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

export function parseQuery(query: string): Map<string, string | true | (string | true)[]> {
  const out = new Map<string, string | true | (string | true)[]>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq === -1 ? part : part.slice(0, eq));
    const value: string | true = eq === -1 ? true : decode(part.slice(eq + 1));
    const prev = out.get(key);
    if (prev === undefined) out.set(key, value);
    else if (Array.isArray(prev)) prev.push(value);
    else out.set(key, [prev, value]);
  }
  return out;
}
