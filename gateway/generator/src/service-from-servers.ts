/**
 * Builds the Kong service of an OpenAPI document from `servers[0]` and `x-kong-service-defaults`,
 * as go-apiops `CreateKongService` does (kong-gateway.md A8.3): protocol, host, port and path come
 * from the URL unless the defaults set them. Several servers or `x-kong-upstream-defaults` would
 * need an upstream entity, which the local gateway does not implement, so they are refused.
 */
import { deckId } from './deck-ids';
import { isRecord, type KongRecord, type KongService } from './kong-entities';

interface ServerTarget {
  scheme?: string;
  host?: string;
  port?: number;
  path: string;
}

function substituteVariables(server: KongRecord, where: string): string {
  if (typeof server.url !== 'string') throw new Error(`${where}: servers[0].url must be a string`);
  let url = server.url;
  const variables = isRecord(server.variables) ? server.variables : {};
  for (const [name, variable] of Object.entries(variables)) {
    const value = isRecord(variable) ? variable.default : undefined;
    if (typeof value !== 'string')
      throw new Error(`${where}: servers[0].variables.${name}.default must be a string`);
    url = url.split(`{${name}}`).join(value);
  }
  return url;
}

function parseServer(url: string, where: string): ServerTarget {
  // openapi2kong accepts a bare path ("/api") as a server and then targets localhost.
  if (url === '' || url.startsWith('/')) return { path: url === '' ? '/' : url };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${where}: failed to parse server uri '${url}'`);
  }
  return {
    scheme: parsed.protocol.replace(/:$/, ''),
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    // WHATWG URL drops a port equal to the scheme default; filling it back below gives the
    // same number openapi2kong writes.
    port: parsed.port === '' ? undefined : Number(parsed.port),
    path: parsed.pathname === '' ? '/' : parsed.pathname,
  };
}

function schemeOf(target: ServerTarget, fallback: string): string {
  if (target.scheme) return target.scheme;
  if (target.port === 80) return 'http';
  if (target.port === 443) return 'https';
  return fallback;
}

export function serviceFromServers(
  baseName: string,
  document: KongRecord,
  defaults: KongRecord | undefined,
  tags: string[],
  where: string,
): KongService {
  const servers = Array.isArray(document.servers) ? document.servers : [];
  if (servers.length > 1) {
    throw new Error(
      `${where}: several servers need a Kong upstream entity, which is not supported by gateway/generator`,
    );
  }
  if (document['x-kong-upstream-defaults'] !== undefined)
    throw new Error(`${where}: x-kong-upstream-defaults is not supported by gateway/generator`);
  const server = servers[0];
  const target: ServerTarget =
    server === undefined
      ? { path: '/' }
      : parseServer(substituteVariables(server as KongRecord, where), where);
  const service: KongRecord = structuredClone(defaults ?? {});
  service.id = deckId(`${baseName}.service`);
  service.name = baseName;
  service.tags = [...tags];
  service.plugins = [];
  service.routes = [];
  const fallbackScheme = typeof service.protocol === 'string' ? service.protocol : 'https';
  const scheme = schemeOf(target, fallbackScheme);
  service.protocol ??= scheme;
  service.path ??= target.path;
  service.port ??= target.port ?? (scheme === 'http' ? 80 : 443);
  service.host ??= target.host ?? 'localhost';
  return service as KongService;
}
