/**
 * Converts one bundled OpenAPI document into its Kong service with nested routes and plugins,
 * following decK's `deck file openapi2kong` (go-apiops openapi2kong, kong-gateway.md A8.1-A8.4)
 * for the subset Bazaar's contracts use, plus two Bazaar rules: `x-internal` operations get no
 * route, and each public path gets a CORS preflight route (see preflightRoute).
 */
import { isRecord, type KongRecord, type KongService } from './kong-entities';
import { allowsEmptySegment, refuseRouteByHeader } from './operation-parameters';
import { pluginsFor, preflightRoute, routeFrom } from './route-entities';
import { operationRouteName, pathBaseName } from './route-names';
import { routePathFor } from './route-path';
import { serviceFromServers } from './service-from-servers';
import { slugify } from './slug';
import {
  xKongComponents,
  xKongName,
  xKongObject,
  xKongPlugins,
  xKongTags,
} from './x-kong-extensions';

const METHODS = ['delete', 'get', 'head', 'options', 'patch', 'post', 'put', 'trace'];
/** Path/operation keys that would need a service of their own (an openapi2kong feature we refuse). */
const OWN_SERVICE_KEYS = ['servers', 'x-kong-service-defaults', 'x-kong-upstream-defaults'];

export interface ConvertOptions {
  /** Tags on every entity (decK `--select-tag`); default: the document's `x-kong-tags`. */
  tags?: string[];
  /** Leave out operations marked `x-internal: true` (Bazaar: they get no gateway route). */
  skipInternal?: boolean;
  /** Add one OPTIONS route per public path so the global cors plugin answers preflights. */
  preflightRoutes?: boolean;
}

export function openapiToKong(document: KongRecord, options: ConvertOptions = {}): KongService {
  const info = isRecord(document.info) ? document.info : {};
  const title = typeof info.title === 'string' ? info.title : undefined;
  const baseName = xKongName(document, 'document') ?? title;
  if (!baseName) throw new Error('the document needs x-kong-name or info.title');
  const components = xKongComponents(document);
  const tags = options.tags ?? xKongTags(document);
  const docName = slugify(baseName);
  const serviceDefaults = xKongObject(document, 'x-kong-service-defaults', components, docName);
  const service = serviceFromServers(docName, document, serviceDefaults, tags, docName);
  service.plugins = pluginsFor(
    docName,
    new Map(),
    xKongPlugins(document, components, docName),
    tags,
  );
  const docRouteDefaults = xKongObject(document, 'x-kong-route-defaults', components, docName);
  if (!isRecord(document.paths)) throw new Error('must have `.paths` in the root of the document');

  for (const apiPath of Object.keys(document.paths).sort()) {
    const pathItem = document.paths[apiPath];
    if (!isRecord(pathItem)) continue;
    const at = `${docName}: ${apiPath}`;
    for (const key of OWN_SERVICE_KEYS)
      if (pathItem[key] !== undefined)
        throw new Error(`${at}: path-level ${key} is not supported by gateway/generator`);
    const pathName = pathBaseName(docName, apiPath, xKongName(pathItem, at));
    const pathRouteDefaults =
      xKongObject(pathItem, 'x-kong-route-defaults', components, at) ?? docRouteDefaults;
    const pathPlugins = xKongPlugins(pathItem, components, at);
    let firstPublic: { path: string; hasParameters: boolean } | undefined;

    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isRecord(operation)) continue;
      const opAt = `${at} ${method.toUpperCase()}`;
      for (const key of OWN_SERVICE_KEYS)
        if (operation[key] !== undefined)
          throw new Error(`${opAt}: operation-level ${key} is not supported by gateway/generator`);
      if (options.skipInternal && operation['x-internal'] === true) continue;
      refuseRouteByHeader(document, pathItem, operation, opAt);
      const name = operationRouteName(docName, pathName, method, operation, opAt);
      const routePath = routePathFor(apiPath, allowsEmptySegment(document, pathItem, operation));
      firstPublic ??= routePath;
      const plugins = pluginsFor(
        name,
        pathPlugins,
        xKongPlugins(operation, components, opAt),
        tags,
      );
      const defaults =
        xKongObject(operation, 'x-kong-route-defaults', components, opAt) ?? pathRouteDefaults;
      service.routes.push(
        routeFrom(defaults, { name, method: method.toUpperCase(), ...routePath }, plugins, tags),
      );
    }
    if (options.preflightRoutes && firstPublic) {
      service.routes.push(preflightRoute(pathName, firstPublic, pathRouteDefaults, tags));
    }
  }
  return service;
}
