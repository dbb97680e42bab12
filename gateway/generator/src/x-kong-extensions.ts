/**
 * Reads decK's `x-kong-*` OpenAPI extensions the way go-apiops openapi2kong does
 * (openapitools.GetXKongObject / DereferenceJSONObject): objects, optionally one `$ref` into
 * `#/components/x-kong/...` (the only place decK allows), returned as fresh copies.
 */
import { isRecord, type KongPlugin, type KongRecord } from './kong-entities';

const PLUGIN_PREFIX = 'x-kong-plugin-';

/** `/components/x-kong` of a document (empty when absent). */
export function xKongComponents(document: KongRecord): KongRecord {
  const components = document.components;
  const xKong = isRecord(components) ? components['x-kong'] : undefined;
  if (xKong === undefined) return {};
  if (!isRecord(xKong)) throw new Error("expected '/components/x-kong' to be a JSON/YAML object");
  return xKong;
}

function dereference(value: KongRecord, components: KongRecord): KongRecord {
  const pointer = value.$ref;
  if (pointer === undefined) return value;
  if (typeof pointer !== 'string') throw new Error("expected '$ref' pointer to be a string");
  if (!pointer.startsWith('#/components/x-kong/'))
    throw new Error("all 'x-kong-...' references must be at '#/components/x-kong/...'");
  let target: KongRecord = components;
  let at = '#/components/x-kong';
  for (const segment of pointer.split('/').slice(3)) {
    at = `${at}/${segment}`;
    const next = target[segment];
    if (next === undefined) throw new Error(`reference '${pointer}' not found`);
    if (!isRecord(next)) throw new Error(`expected '${at}' to be a JSON object`);
    target = next;
  }
  return target;
}

/** The object under `key` (dereferenced, deep-copied), or undefined when the key is absent. */
export function xKongObject(
  owner: KongRecord,
  key: string,
  components: KongRecord,
  where: string,
): KongRecord | undefined {
  const value = owner[key];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new Error(`${where}: expected '${key}' to be a JSON/YAML object`);
  try {
    return structuredClone(dereference(value, components));
  } catch (error) {
    throw new Error(`${where}: ${key}: ${(error as Error).message}`);
  }
}

/** `x-kong-name` when present; it must be a string. */
export function xKongName(owner: KongRecord, where: string): string | undefined {
  const name = owner['x-kong-name'];
  if (name === undefined) return undefined;
  if (typeof name !== 'string') throw new Error(`${where}: expected 'x-kong-name' to be a string`);
  return name;
}

/** `x-kong-tags` (array of strings) or the empty list. */
export function xKongTags(document: KongRecord): string[] {
  const tags = document['x-kong-tags'];
  if (tags === undefined) return [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))
    throw new Error("expected 'x-kong-tags' to be an array of strings");
  return [...(tags as string[])];
}

/**
 * Every `x-kong-plugin-<name>` on `owner`, keyed by plugin name, without ids: `name` set from the
 * suffix and the `service`/`route` foreign keys dropped, as decK does.
 */
export function xKongPlugins(
  owner: KongRecord,
  components: KongRecord,
  where: string,
): Map<string, KongPlugin> {
  const plugins = new Map<string, KongPlugin>();
  for (const key of Object.keys(owner)) {
    if (!key.startsWith(PLUGIN_PREFIX)) continue;
    const name = key.slice(PLUGIN_PREFIX.length);
    const plugin = xKongObject(owner, key, components, where)!;
    delete plugin.service;
    delete plugin.route;
    if (name === 'request-validator')
      throw new Error(`${where}: ${key} is not supported by gateway/generator`);
    if (plugin.consumer !== undefined && plugin.consumer !== null) {
      throw new Error(
        `${where}: ${key}: consumer-scoped plugins are not supported by gateway/generator; ` +
          'declare them in kong/overlays/',
      );
    }
    plugins.set(name, { ...plugin, name });
  }
  return plugins;
}
