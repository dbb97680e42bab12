/**
 * The router: finds the highest-priority route whose methods, hosts, headers and paths all match
 * (kong-gateway.md A2.1), with a bounded result cache like Kong's (kong/router/atc.lua `exec`),
 * so the common request costs one Map lookup.
 */
import type { Route, Service } from '../declarative-config/model';
import type { HeaderRule, HostRule, RouteMatcher } from './compile-routes';

export interface MatchRequest {
  method: string;
  /** The raw `Host` header, or undefined when the request had none. */
  host: string | undefined;
  /** Normalized path (normalize-path.ts), no query string. */
  path: string;
  /** The port the request arrived on; used when `Host` carries no port. */
  listenPort: number;
  /** All values of a request header (lower-case name), each occurrence separately. */
  headerValues(name: string): readonly string[];
}

export interface RouteMatch {
  route: Route;
  service?: Service;
  /** The prefix that matched, or the text a regex path matched (group 0). */
  matchedPath?: string;
}

const CACHE_SIZE = 5000;

function splitHostPort(host: string): { name: string; port?: number } {
  const colon = host.indexOf(':');
  if (colon === -1) return { name: host };
  const port = Number(host.slice(colon + 1));
  return Number.isInteger(port) && host.length > colon + 1
    ? { name: host.slice(0, colon), port }
    : { name: host };
}

function hostMatches(rules: HostRule[], name: string, port: number): boolean {
  for (const rule of rules) {
    if (rule.port !== undefined && rule.port !== port) continue;
    if (
      rule.kind === 'exact'
        ? name === rule.value
        : rule.kind === 'suffix'
          ? name.endsWith(rule.value)
          : name.startsWith(rule.value)
    ) {
      return true;
    }
  }
  return false;
}

function headersMatch(rules: HeaderRule[], req: MatchRequest): boolean {
  for (const rule of rules) {
    const values = req.headerValues(rule.name);
    let ok = false;
    for (const raw of values) {
      const value = raw.toLowerCase();
      if (rule.values.includes(value) || rule.regexes.some((re) => re.test(value))) {
        ok = true;
        break;
      }
    }
    if (!ok) return false;
  }
  return true;
}

/** Returns the matched path text, '' for a route without paths, or undefined for no match. */
function pathMatch(matcher: RouteMatcher, path: string): string | undefined {
  if (matcher.prefixes) {
    for (const prefix of matcher.prefixes) if (path.startsWith(prefix)) return prefix;
    return undefined;
  }
  if (matcher.regexes) {
    for (const re of matcher.regexes) {
      const m = re.exec(path);
      if (m) return m[0];
    }
    return undefined;
  }
  return '';
}

export class Router {
  private readonly cache = new Map<string, RouteMatch | null>();
  private readonly cacheable: boolean;

  constructor(private readonly matchers: readonly RouteMatcher[]) {
    // With header rules the result depends on more than method, host and path.
    this.cacheable = !matchers.some((m) => m.headers);
  }

  match(req: MatchRequest): RouteMatch | undefined {
    if (!this.cacheable) return this.find(req);
    const key = `${req.method} ${req.host ?? ''} ${req.listenPort} ${req.path}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.find(req);
    if (this.cache.size >= CACHE_SIZE) this.cache.clear();
    this.cache.set(key, found ?? null);
    return found;
  }

  private find(req: MatchRequest): RouteMatch | undefined {
    const host = req.host === undefined ? undefined : splitHostPort(req.host);
    const port = host?.port ?? req.listenPort;
    for (const m of this.matchers) {
      if (m.methods && !m.methods.has(req.method)) continue;
      if (m.hosts && (host === undefined || !hostMatches(m.hosts, host.name, port))) continue;
      if (m.headers && !headersMatch(m.headers, req)) continue;
      const matched = pathMatch(m, req.path);
      if (matched === undefined) continue;
      return {
        route: m.route,
        service: m.service,
        matchedPath: matched === '' ? undefined : matched,
      };
    }
    return undefined;
  }
}
