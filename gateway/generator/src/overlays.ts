/**
 * Merges the hand-written policy overlays (kong/overlays/*.yaml, in file-name order) into the
 * config generated from the contracts. An overlay may hold global `plugins`, `consumers`,
 * non-contract `services` (e.g. the docs portal) and decK `patches`; within one file the entities
 * are added first, then its patches run over the whole config so far. The rules are documented in
 * kong/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { applyDeckPatch, parseDeckPatch } from './deck-patch';
import { deckId } from './deck-ids';
import {
  isRecord,
  type KongConsumer,
  type KongDeclarativeConfig,
  type KongPlugin,
  type KongRecord,
  type KongRoute,
  type KongService,
} from './kong-entities';

/**
 * The tag an overlay service and its routes carry: they serve something that is not an API
 * operation (the docs portal), and the consistency gate checks they never take a contract
 * operation's traffic.
 */
export const NON_CONTRACT_TAG = 'bazaar-non-contract';

export interface OverlayFile {
  /** Shown in error messages, e.g. kong/overlays/10-global-plugins.yaml. */
  source: string;
  text: string;
}

const OVERLAY_KEYS = ['_format_version', '_comment', 'plugins', 'consumers', 'services', 'patches'];
/** Credentials nested under a consumer, with the field that identifies each one. */
const CREDENTIALS: Record<string, string> = {
  jwt_secrets: 'key',
  keyauth_credentials: 'key',
  acls: 'group',
};

export function readOverlayFiles(dir: string, label = dir): OverlayFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => ({ source: `${label}/${f}`, text: readFileSync(path.join(dir, f), 'utf8') }));
}

function addGlobalPlugin(config: KongDeclarativeConfig, raw: unknown, where: string): void {
  if (!isRecord(raw) || typeof raw.name !== 'string')
    throw new Error(`${where}: a plugin needs a string name`);
  for (const scope of ['service', 'route', 'consumer']) {
    if (raw[scope] !== undefined)
      throw new Error(
        `${where}.${scope}: overlay plugins are global; scope a plugin in the contract's x-kong-plugin-${raw.name}`,
      );
  }
  config.plugins ??= [];
  if (config.plugins.some((p) => p.name === raw.name))
    throw new Error(`${where}: global plugin '${raw.name}' is already declared`);
  config.plugins.push({ id: deckId(`global.plugin.${raw.name}`), ...raw } as KongPlugin);
}

function addConsumer(config: KongDeclarativeConfig, raw: unknown, where: string): void {
  if (!isRecord(raw) || typeof raw.username !== 'string')
    throw new Error(`${where}: a consumer needs a string username`);
  const username = raw.username;
  config.consumers ??= [];
  if (config.consumers.some((c) => c.username === username))
    throw new Error(`${where}: consumer '${username}' is already declared`);
  const consumer: KongRecord = { id: deckId(`${username}.consumer`), ...raw };
  for (const [collection, keyField] of Object.entries(CREDENTIALS)) {
    const list = consumer[collection];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new Error(`${where}.${collection} must be a list`);
    consumer[collection] = list.map((credential: unknown, i) => {
      const key = isRecord(credential) ? credential[keyField] : undefined;
      if (!isRecord(credential) || typeof key !== 'string')
        throw new Error(`${where}.${collection}[${i}] needs a string ${keyField}`);
      return { id: deckId(`${username}.${collection}.${key}`), ...credential };
    });
  }
  config.consumers.push(consumer as KongConsumer);
}

function addService(config: KongDeclarativeConfig, raw: unknown, where: string): void {
  if (!isRecord(raw) || typeof raw.name !== 'string' || typeof raw.url !== 'string')
    throw new Error(`${where}: a service needs a string name and url`);
  const name = raw.name;
  if (config.services.some((s) => s.name === name))
    throw new Error(`${where}: service '${name}' is already declared`);
  if (raw.plugins !== undefined)
    throw new Error(`${where}.plugins: overlay services take the global plugins only`);
  const routes = listAt(raw, 'routes', where).map((route, i) => {
    if (!isRecord(route) || typeof route.name !== 'string' || !Array.isArray(route.paths))
      throw new Error(`${where}.routes[${i}] needs a string name and a list of paths`);
    return {
      id: deckId(`${route.name}.route`),
      ...route,
      tags: [NON_CONTRACT_TAG],
    } as unknown as KongRoute;
  });
  if (routes.length === 0) throw new Error(`${where}: a service needs at least one route`);
  config.services.push({
    id: deckId(`${name}.service`),
    ...raw,
    routes,
    tags: [NON_CONTRACT_TAG],
  } as unknown as KongService);
}

function listAt(overlay: KongRecord, key: string, source: string): unknown[] {
  const value = overlay[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${source}: ${key} must be a list`);
  return value;
}

/** Applies every overlay to `config` in place, in the order given. */
export function applyOverlays(config: KongDeclarativeConfig, overlays: OverlayFile[]): void {
  for (const { source, text } of overlays) {
    let overlay: unknown;
    try {
      overlay = parse(text, { uniqueKeys: true });
    } catch (error) {
      throw new Error(`${source}: ${(error as Error).message}`);
    }
    if (!isRecord(overlay)) throw new Error(`${source}: an overlay must be a YAML mapping`);
    for (const key of Object.keys(overlay)) {
      if (!OVERLAY_KEYS.includes(key))
        throw new Error(
          `${source}: unknown key '${key}' (expected plugins, consumers, services, patches)`,
        );
    }
    if (overlay._format_version !== undefined && overlay._format_version !== '3.0')
      throw new Error(`${source}: _format_version must be "3.0"`);
    listAt(overlay, 'plugins', source).forEach((p, i) =>
      addGlobalPlugin(config, p, `${source}: plugins[${i}]`),
    );
    listAt(overlay, 'consumers', source).forEach((c, i) =>
      addConsumer(config, c, `${source}: consumers[${i}]`),
    );
    listAt(overlay, 'services', source).forEach((svc, i) =>
      addService(config, svc, `${source}: services[${i}]`),
    );
    listAt(overlay, 'patches', source).forEach((raw, i) => {
      const where = `${source}: patches[${i}]`;
      applyDeckPatch(config, parseDeckPatch(raw, where), where);
    });
  }
}
