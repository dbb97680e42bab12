/**
 * Turns validated routes into matchers once at load time: paths split into Kong's groups, regexes
 * compiled, hosts classified (exact / `*.suffix` / `prefix.*`, optional port), header rules
 * lower-cased, then sorted by Kong's priority and route id (kong-gateway.md A2.1-A2.2).
 */
import type { Route, Service } from '../declarative-config/model';
import { uuidV5 } from '../declarative-config/uuid-v5';
import { compileRouteRegex } from './route-regex';
import { groupPaths, routePriority } from './route-priority';

/** Namespace Kong uses for the ids of split sub-routes (transform.lua `uuid_generator`). */
const SPLIT_ROUTE_NAMESPACE = '7f145bf9-0dce-4f91-98eb-debbce4b9f6b';

export interface HostRule {
  kind: 'exact' | 'suffix' | 'prefix';
  value: string;
  port?: number;
}

export interface HeaderRule {
  /** Lower-cased header name. */
  name: string;
  values: string[];
  regexes: RegExp[];
}

export interface RouteMatcher {
  /** The route id, or the sub-route id when the route's paths were split into groups. */
  id: string;
  priority: bigint;
  route: Route;
  service?: Service;
  methods?: ReadonlySet<string>;
  hosts?: HostRule[];
  headers?: HeaderRule[];
  prefixes?: string[];
  regexes?: RegExp[];
}

function hostRule(host: string): HostRule {
  const colon = host.indexOf(':');
  const portText = colon === -1 ? '' : host.slice(colon + 1);
  const hasPort = colon !== -1 && /^\d+$/.test(portText);
  const name = hasPort ? host.slice(0, colon) : host;
  const port = hasPort ? Number(portText) : undefined;
  if (name.startsWith('*')) return { kind: 'suffix', value: name.slice(1), port };
  if (name.endsWith('*')) return { kind: 'prefix', value: name.slice(0, -1), port };
  return { kind: 'exact', value: name, port };
}

function headerRules(headers: Record<string, string[]>): HeaderRule[] {
  return Object.entries(headers).map(([name, values]) => {
    const rule: HeaderRule = { name: name.toLowerCase(), values: [], regexes: [] };
    for (const value of values) {
      // transform.lua lower-cases the value before testing `~*`, regexes included.
      if (value.startsWith('~*'))
        rule.regexes.push(compileRouteRegex(value.slice(2).toLowerCase(), false));
      else rule.values.push(value.toLowerCase());
    }
    return rule;
  });
}

function matcherFor(
  route: Route,
  service: Service | undefined,
  id: string,
  paths: string[] | undefined,
): RouteMatcher {
  const matcher: RouteMatcher = {
    id,
    route,
    service,
    priority: routePriority({ ...route, paths }),
  };
  if (route.methods?.length) matcher.methods = new Set(route.methods);
  if (route.hosts?.length) matcher.hosts = route.hosts.map(hostRule);
  if (route.headers && Object.keys(route.headers).length > 0)
    matcher.headers = headerRules(route.headers);
  if (paths?.length) {
    if (paths[0]!.startsWith('~'))
      matcher.regexes = paths.map((p) => compileRouteRegex(p.slice(1), true));
    else matcher.prefixes = paths;
  }
  return matcher;
}

/** Builds and orders the matchers; routes of disabled services are left out (they answer 404). */
export function compileRoutes(
  routes: readonly Route[],
  services: ReadonlyMap<string, Service>,
): RouteMatcher[] {
  const matchers: RouteMatcher[] = [];
  for (const route of routes) {
    const service = route.serviceId ? services.get(route.serviceId) : undefined;
    if (service && !service.enabled) continue;
    const groups = route.paths?.length ? groupPaths(route.paths) : [];
    if (groups.length <= 1) {
      matchers.push(matcherFor(route, service, route.id, groups[0]));
      continue;
    }
    groups.forEach((group, i) => {
      matchers.push(
        matcherFor(route, service, uuidV5(SPLIT_ROUTE_NAMESPACE, `${route.id}#${i + 1}`), group),
      );
    });
  }
  // atc-router keeps matchers ordered by (priority, uuid) and walks them from the top.
  return matchers.sort((a, b) => {
    if (a.priority !== b.priority) return a.priority > b.priority ? -1 : 1;
    return a.id > b.id ? -1 : a.id < b.id ? 1 : 0;
  });
}
