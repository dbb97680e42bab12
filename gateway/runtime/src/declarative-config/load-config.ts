/**
 * Loads a DB-less `kong.yml` (`_format_version: "3.0"`) into the frozen GatewayConfig, or throws
 * a ConfigError listing every problem with its location. Anything Kong would reject is rejected
 * with Kong's message; anything Kong accepts but this gateway cannot honour exactly is refused
 * with "… is not supported by bazaar-gateway" (kong-gateway.md A1, architecture.md §7).
 */
import { readFileSync } from 'node:fs';
import { renderDeckEnv } from './render-deck-env';
import { parse } from 'yaml';
import { PLUGINS } from '../plugins/registry';
import { NOT_SUPPORTED } from './entities/unsupported';
import type { GatewayConfig, PluginInstance } from './model';
import { ReferenceResolver } from './resolve-references';
import {
  isPlainObject,
  joinPath,
  type ValidationIssue,
  validateRecord,
} from './schema/field-schema';
import { EntityWalker } from './walk-entities';

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly ValidationIssue[],
  ) {
    super(
      `bazaar-gateway refuses the declarative config ${source}:\n` +
        issues.map((i) => `  ${i.path === '' ? '(root)' : i.path}: ${i.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

const IMPLEMENTED = [
  'services',
  'routes',
  'consumers',
  'plugins',
  'jwt_secrets',
  'keyauth_credentials',
  'acls',
] as const;

/** Kong collections (core and bundled plugin DAOs) this gateway does not implement; empty is fine. */
const NOT_IMPLEMENTED = new Set([
  'upstreams',
  'targets',
  'certificates',
  'ca_certificates',
  'snis',
  'vaults',
  'keys',
  'key_sets',
  'filter_chains',
  'basicauth_credentials',
  'hmacauth_credentials',
  'oauth2_credentials',
  'oauth2_authorization_codes',
  'oauth2_tokens',
]);

function checkTopLevel(doc: Record<string, unknown>, issues: ValidationIssue[]): void {
  const version = doc._format_version;
  if (version === undefined)
    issues.push({ path: '_format_version', message: 'required field missing' });
  else if (typeof version !== 'string')
    issues.push({ path: '_format_version', message: 'expected a string' });
  else if (!['1.1', '2.1', '3.0'].includes(version)) {
    issues.push({ path: '_format_version', message: 'expected one of: 1.1, 2.1, 3.0' });
  } else if (version !== '3.0') {
    issues.push({
      path: '_format_version',
      message: `"${version}" (which Kong migrates on load) ${NOT_SUPPORTED}; convert the file to "3.0"`,
    });
  }
  if (doc._transform !== undefined && typeof doc._transform !== 'boolean') {
    issues.push({ path: '_transform', message: 'expected a boolean' });
  }
  if (doc._comment !== undefined && typeof doc._comment !== 'string') {
    issues.push({ path: '_comment', message: 'expected a string' });
  }
  for (const [key, value] of Object.entries(doc)) {
    if (
      key.startsWith('_') &&
      ['_format_version', '_transform', '_comment', '_ignore'].includes(key)
    )
      continue;
    if ((IMPLEMENTED as readonly string[]).includes(key)) continue;
    if (NOT_IMPLEMENTED.has(key)) {
      if (Array.isArray(value) && value.length === 0) continue;
      issues.push({ path: key, message: `entity '${key}' ${NOT_SUPPORTED}` });
      continue;
    }
    issues.push({ path: key, message: 'unknown field' });
  }
}

function validatePluginConfig(plugin: PluginInstance, issues: ValidationIssue[]): PluginInstance {
  const handler = PLUGINS[plugin.name];
  if (!handler) {
    issues.push({
      path: joinPath(plugin.location, 'name'),
      message: `plugin '${plugin.name}' not enabled; add it to the 'plugins' configuration property`,
    });
    return plugin;
  }
  if (handler.schema.noConsumer && plugin.consumerId !== undefined) {
    issues.push({ path: joinPath(plugin.location, 'consumer'), message: 'value must be null' });
  }
  const config = validateRecord(
    handler.schema.config,
    plugin.config,
    joinPath(plugin.location, 'config'),
    issues,
  );
  return { ...plugin, config: config as Record<string, unknown> };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Validates an already parsed document. `source` names it in error messages. */
export function buildGatewayConfig(doc: unknown, source: string): GatewayConfig {
  const issues: ValidationIssue[] = [];
  if (!isPlainObject(doc))
    throw new ConfigError(source, [{ path: '', message: 'expected a record' }]);
  checkTopLevel(doc, issues);
  const walker = new EntityWalker(issues);
  for (const collection of IMPLEMENTED) walker.walk(collection, doc[collection], collection);
  if (issues.length > 0) throw new ConfigError(source, issues);

  const resolver = new ReferenceResolver(walker.result, issues);
  const config: GatewayConfig = {
    services: resolver.services(),
    routes: resolver.routes(),
    consumers: resolver.consumers(),
    jwtSecrets: resolver.jwtSecrets(),
    keyauthCredentials: resolver.keyauthCredentials(),
    acls: resolver.acls(),
    plugins: resolver.plugins().map((p) => validatePluginConfig(p, issues)),
  };
  if (issues.length > 0) throw new ConfigError(source, issues);
  return deepFreeze(config);
}

/** Parses YAML or JSON text (JSON is YAML); duplicate keys are errors, as in Kong's parser. */
export function parseDeclarativeConfig(text: string, source: string): GatewayConfig {
  let doc: unknown;
  try {
    doc = parse(text, { uniqueKeys: true });
  } catch (err) {
    throw new ConfigError(source, [
      { path: '', message: `failed parsing declarative configuration: ${(err as Error).message}` },
    ]);
  }
  return buildGatewayConfig(doc, source);
}

/**
 * Reads a declarative config file. kong/kong.yml is a decK file whose secrets are decK environment
 * templates (`${{ env "DECK_…" }}`): they are rendered from `env` first, as
 * `deck file render --populate-env-vars` does before DB-less Kong loads a file; a template whose
 * variable is missing refuses the config.
 */
export function loadDeclarativeConfigFile(
  path: string,
  env: NodeJS.ProcessEnv = {},
): GatewayConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [
      { path: '', message: `cannot read file: ${(err as Error).message}` },
    ]);
  }
  try {
    text = renderDeckEnv(text, env);
  } catch (err) {
    throw new ConfigError(path, [{ path: '', message: (err as Error).message }]);
  }
  return parseDeclarativeConfig(text, path);
}
