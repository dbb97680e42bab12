/**
 * The shape every plugin under plugins/<name>/ has, after Kong's handler + schema pair
 * (style.md §1.4): a PRIORITY, a config schema with Kong's defaults and rules, and phase
 * functions `access`, `headerFilter`, `log` bound once per configured instance.
 */
import type { RecordField } from '../declarative-config/schema/field-schema';
import type { GatewayConfig, PluginInstance } from '../declarative-config/model';
import type { CredentialStore } from '../declarative-config/credential-store';
import type { RequestContext } from '../proxy/request-context';
import type { ResponseHeaders } from '../proxy/response-headers';
import type { GatewayMetrics } from '../status/gateway-metrics';

export interface PluginSchema {
  /** The `config` record, validated with defaults filled in. */
  config: RecordField;
  /** Kong's `consumer = typedefs.no_consumer`: the plugin cannot be scoped to a consumer. */
  noConsumer?: boolean;
}

/** What a plugin instance may use besides its own config. */
export interface PluginEnv {
  config: GatewayConfig;
  credentials: CredentialStore;
  /** Kong's prometheus exporter state, shared by every prometheus instance and the status API. */
  metrics: GatewayMetrics;
}

/** Phase functions of one configured instance. `access` returns a promise only when it must wait. */
export interface PluginPhases {
  access?(ctx: RequestContext): void | Promise<void>;
  headerFilter?(ctx: RequestContext, headers: ResponseHeaders): void;
  log?(ctx: RequestContext): void;
  /** Releases connections (Redis) on shutdown. */
  close?(): Promise<void>;
}

export interface PluginHandler {
  readonly name: string;
  /** Kong's PRIORITY: higher runs first in every phase. */
  readonly priority: number;
  readonly schema: PluginSchema;
  create(instance: PluginInstance, env: PluginEnv): PluginPhases;
}
