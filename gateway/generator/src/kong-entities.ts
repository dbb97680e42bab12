/**
 * The decK/Kong declarative entities the generator writes into kong/kong.yml (kong-gateway.md A1):
 * loose records, because overlays and x-kong-* defaults may carry any field Kong accepts, with the
 * fields the generator itself relies on typed.
 */

export type KongRecord = Record<string, unknown>;

export interface KongPlugin extends KongRecord {
  name: string;
  id?: string;
  config?: KongRecord;
  tags?: string[];
}

export interface KongRoute extends KongRecord {
  name: string;
  id?: string;
  methods: string[];
  paths: string[];
  regex_priority: number;
  strip_path: boolean;
  plugins: KongPlugin[];
  tags: string[];
}

export interface KongService extends KongRecord {
  name: string;
  id?: string;
  host: string;
  port: number;
  protocol: string;
  path: string;
  plugins: KongPlugin[];
  routes: KongRoute[];
  tags: string[];
}

export interface KongConsumer extends KongRecord {
  username: string;
  id?: string;
}

/** A whole declarative file; `_format_version` is always "3.0" (kong-gateway.md A1.1). */
export interface KongDeclarativeConfig extends KongRecord {
  _format_version: '3.0';
  services: KongService[];
  plugins?: KongPlugin[];
  consumers?: KongConsumer[];
}

export function isRecord(value: unknown): value is KongRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
