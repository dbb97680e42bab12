/**
 * Deterministic entity ids, as Kong generates them for a declarative config without `id`s
 * (declarative_config.lua `generate_ids`): UUIDv5 of the entity's endpoint key (name, username)
 * or cache key, in a per-collection namespace. Same file, same ids — which matters for route
 * tie-breaking and for rate-limit counter keys.
 */
import { uuidV5 } from './uuid-v5';

const ENTITIES_NAMESPACE = 'fd02801f-0957-4a15-a55a-c8d9606f30b5';
const namespaces = new Map<string, string>();

function namespaceFor(collection: string): string {
  let ns = namespaces.get(collection);
  if (!ns) {
    ns = uuidV5(ENTITIES_NAMESPACE, collection);
    namespaces.set(collection, ns);
  }
  return ns;
}

/** Id from an endpoint key (services/routes by name, consumers by username). */
export function idFromEndpointKey(collection: string, key: string): string {
  return uuidV5(namespaceFor(collection), key);
}

/**
 * Id from Kong's cache-key string `<collection>:*:<k1>:<k2>…` (`*` is the workspace placeholder
 * of DB-less mode); used for plugins (name, route, service, consumer) and acls (consumer, group).
 */
export function idFromCacheKey(collection: string, parts: readonly string[]): string {
  return uuidV5(namespaceFor(collection), [collection, '*', ...parts].join(':'));
}

/**
 * Kong gives entities without such a key a random id (unnamed services/routes, consumers with
 * only custom_id, credentials). We derive one from the entity's place in the file instead, so
 * restarts keep ids — and rate-limit counters — stable.
 */
export function idFromLocation(collection: string, location: string): string {
  return uuidV5(namespaceFor(collection), `bazaar-gateway:${location}`);
}
