/**
 * The validated, flattened declarative config the runtime works from: every entity has its
 * (deterministic) id, defaults are filled in, and references point at ids. Frozen after load.
 */

export interface Service {
  id: string;
  name?: string;
  protocol: 'http' | 'https';
  host: string;
  port: number;
  /** Absent means `/` when proxying (kong-gateway.md A1.3). */
  path?: string;
  retries: number;
  connect_timeout: number;
  write_timeout: number;
  read_timeout: number;
  enabled: boolean;
  tags?: string[];
}

export interface Route {
  id: string;
  name?: string;
  protocols: string[];
  methods?: string[];
  hosts?: string[];
  paths?: string[];
  headers?: Record<string, string[]>;
  https_redirect_status_code: number;
  strip_path: boolean;
  preserve_host: boolean;
  request_buffering: boolean;
  response_buffering: boolean;
  regex_priority: number;
  path_handling: 'v0' | 'v1';
  serviceId?: string;
  tags?: string[];
}

export interface Consumer {
  id: string;
  username?: string;
  custom_id?: string;
  tags?: string[];
}

export interface JwtSecret {
  id: string;
  consumerId: string;
  key: string;
  secret: string;
  algorithm: string;
  rsa_public_key?: string;
}

export interface KeyAuthCredential {
  id: string;
  consumerId: string;
  key: string;
}

export interface Acl {
  id: string;
  consumerId: string;
  group: string;
}

export interface PluginInstance {
  id: string;
  name: string;
  instance_name?: string;
  /** Validated by the plugin's schema.ts, defaults filled in. */
  config: Record<string, unknown>;
  enabled: boolean;
  protocols: string[];
  routeId?: string;
  serviceId?: string;
  consumerId?: string;
  /** Where it was declared, for messages: e.g. `services[catalog].plugins[jwt]`. */
  location: string;
}

export interface GatewayConfig {
  services: Service[];
  routes: Route[];
  consumers: Consumer[];
  plugins: PluginInstance[];
  jwtSecrets: JwtSecret[];
  keyauthCredentials: KeyAuthCredential[];
  acls: Acl[];
}
