/**
 * The Bazaar processes the launcher knows how to start (make dev, e2e suites): each service's env
 * prefix, its ports (contracts/README.md; kong.yml routes to them), what it depends on, and the
 * variables that wire it to the others. Generic variables (port, keys, database, broker names) are
 * added by the launcher for every service that declares them.
 */

export interface LaunchContext {
  /** 'dev': fixed ports and default names; 'test': free ports and names unique to one suite. */
  mode: 'dev' | 'test';
  /** Unique per test launch (`e2e<suite><random>`); empty in dev. */
  isolationId: string;
  /** The HTTP base URL of a started service. */
  urlOf(service: string): string;
  /** A named extra port of a service (e.g. inventory's gRPC port). */
  portOf(service: string, name: string): number;
  /**
   * A random secret made for this launch (the same value for the same name within it), so shared
   * secrets such as a service client's are never committed or reused between launches.
   */
  secretOf(name: string): string;
  privateKeyFile: string;
  bootstrapAdmin: { email: string; password: string };
}

export interface PlatformService {
  name: string;
  /** Its environment prefix (IDENTITY_, CATALOG_, …). */
  prefix: string;
  /** The HTTP port in dev (kong.yml's upstream). */
  port: number;
  /** Other ports it listens on, by name, with their dev values. */
  extraPorts?: Record<string, number>;
  /** Started after these are ready. */
  dependsOn: string[];
  /** GET path that answers 2xx once the process is ready; default /health/ready. */
  readyPath?: string;
  /** Service-specific variables (without the prefix). */
  env(context: LaunchContext): Record<string, string>;
}

/** The service clients identity knows (IDENTITY_SERVICE_CLIENTS), each with this launch's secret. */
const SERVICE_CLIENTS = ['orders'];
const clientSecretName = (client: string) => `${client}-service-client`;

export const PLATFORM_SERVICES: readonly PlatformService[] = [
  {
    name: 'identity',
    prefix: 'IDENTITY',
    port: 3001,
    dependsOn: [],
    env: (c) => ({
      JWT_PRIVATE_KEY_FILE: c.privateKeyFile,
      BOOTSTRAP_ADMIN_EMAIL: c.bootstrapAdmin.email,
      BOOTSTRAP_ADMIN_PASSWORD: c.bootstrapAdmin.password,
      SERVICE_CLIENTS: SERVICE_CLIENTS.map(
        (client) => `${client}:${c.secretOf(clientSecretName(client))}`,
      ).join(','),
    }),
  },
  {
    name: 'catalog',
    prefix: 'CATALOG',
    port: 3002,
    dependsOn: [],
    env: (c): Record<string, string> =>
      c.mode === 'test' ? { REDIS_KEY_PREFIX: `${c.isolationId}:catalog:` } : {},
  },
  {
    name: 'cart',
    prefix: 'CART',
    port: 3003,
    dependsOn: ['catalog'],
    env: (c) => ({ CATALOG_URL: c.urlOf('catalog') }),
  },
  {
    name: 'inventory',
    prefix: 'INVENTORY',
    port: 3005,
    extraPorts: { grpc: 50051 },
    dependsOn: [],
    env: (c): Record<string, string> => ({
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: String(c.portOf('inventory', 'grpc')),
      ...(c.mode === 'test'
        ? {
            MQTT_CLIENT_ID: `${c.isolationId}-inventory`,
            MQTT_TOPIC_PREFIX: `${c.isolationId}/iot/inventory`,
          }
        : {}),
    }),
  },
  {
    name: 'psp-simulator',
    prefix: 'PSP',
    port: 3010,
    dependsOn: [],
    // A stand-in third party: it has no Bazaar health endpoints, its control API answers once up.
    readyPath: '/_simulator/stats',
    env: () => ({}),
  },
  {
    name: 'payment',
    prefix: 'PAYMENT',
    port: 3006,
    dependsOn: ['psp-simulator'],
    env: (c) => ({ PSP_BASE_URL: c.urlOf('psp-simulator') }),
  },
  {
    name: 'orders',
    prefix: 'ORDERS',
    port: 3004,
    // Cart is read only for orders placed `fromCart`; the others take part in every order.
    dependsOn: ['identity', 'catalog', 'cart', 'inventory', 'payment'],
    env: (c) => ({
      INVENTORY_GRPC_ADDRESS: `127.0.0.1:${c.portOf('inventory', 'grpc')}`,
      PAYMENT_BASE_URL: c.urlOf('payment'),
      CATALOG_BASE_URL: c.urlOf('catalog'),
      CART_BASE_URL: c.urlOf('cart'),
      IDENTITY_BASE_URL: c.urlOf('identity'),
      SERVICE_CLIENT_ID: 'orders',
      SERVICE_CLIENT_SECRET: c.secretOf(clientSecretName('orders')),
    }),
  },
];
