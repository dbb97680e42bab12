/**
 * Builds the route and plugin entities of the Kong conversion (kong-gateway.md A8.2, A8.4): decK
 * ids, route defaults with openapi2kong's regex_priority rule, and Bazaar's CORS preflight route.
 */
import { deckId } from './deck-ids';
import { type KongPlugin, type KongRecord, type KongRoute } from './kong-entities';
import { REGEX_PRIORITY_PLAIN, REGEX_PRIORITY_WITH_PARAMS } from './route-path';

/** Plugins with decK ids for their owner: inherited ones first, then the owner's own override by name. */
export function pluginsFor(
  owner: string,
  inherited: Map<string, KongPlugin>,
  own: Map<string, KongPlugin>,
  tags: string[],
): KongPlugin[] {
  const merged = new Map(inherited);
  for (const [name, plugin] of own) merged.set(name, plugin);
  return [...merged.keys()].sort().map((name) => ({
    ...structuredClone(merged.get(name)!),
    id: deckId(`${owner}.plugin.${name}`),
    tags: [...tags],
  }));
}

export function routeFrom(
  defaults: KongRecord | undefined,
  fields: { name: string; method: string; path: string; hasParameters: boolean },
  plugins: KongPlugin[],
  tags: string[],
): KongRoute {
  const route: KongRecord = structuredClone(defaults ?? {});
  delete route.service;
  route.plugins = plugins;
  route.paths = [fields.path];
  route.id = deckId(`${fields.name}.route`);
  route.name = fields.name;
  route.methods = [fields.method];
  route.tags = [...tags];
  if (route.regex_priority === undefined) {
    route.regex_priority = fields.hasParameters ? REGEX_PRIORITY_WITH_PARAMS : REGEX_PRIORITY_PLAIN;
  } else if (fields.hasParameters) {
    // The default is the plain path's priority; parameterised paths rank one lower.
    if (typeof route.regex_priority !== 'number' || !Number.isInteger(route.regex_priority))
      throw new Error(`${fields.name}: x-kong-route-defaults.regex_priority must be an integer`);
    route.regex_priority -= 1;
  }
  route.strip_path ??= false;
  return route as KongRoute;
}

/**
 * openapi2kong routes list one method and never OPTIONS, so a browser's CORS preflight would
 * match no route and get 404 (kong-gateway.md A5.5). This route takes OPTIONS on the same regex
 * path, with no plugins of its own, so the global cors plugin (priority 2000, before auth and
 * rate limiting) answers the preflight. Path-level route defaults apply, so it matches the same
 * requests as the path's operations.
 */
export function preflightRoute(
  pathName: string,
  routePath: { path: string; hasParameters: boolean },
  defaults: KongRecord | undefined,
  tags: string[],
): KongRoute {
  return routeFrom(
    defaults,
    { name: `${pathName}_preflight`, method: 'OPTIONS', ...routePath },
    [],
    tags,
  );
}
