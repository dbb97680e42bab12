/**
 * Every ORDERS_* variable of the orders service (services/orders): the shared bootstrap and
 * infrastructure variables, where the services orders calls are (inventory over gRPC, payment,
 * catalog, cart and identity over HTTP), how those calls are bounded and retried, and how the saga
 * worker runs. main.ts loads them; tests pass their own values. The README table is generated
 * from here.
 */
import { configTypes, defineConfig, serviceVariables } from '@bazaar/platform/config/index';
import { infrastructureVariables } from '@bazaar/platform/service/index';

/** contracts/README.md: orders' REST port. */
export const ORDERS_HTTP_PORT = 3004;

const httpUrl = configTypes.url({ protocols: ['http:', 'https:'] });

const infrastructure = infrastructureVariables({ database: 'bazaar_orders', broker: true });

function databaseUrlVariable() {
  const { databaseUrl } = infrastructure;
  if (!databaseUrl) throw new Error('infrastructureVariables declared no database');
  return databaseUrl;
}

export const ordersConfig = defineConfig('ORDERS', {
  ...serviceVariables({ httpPort: ORDERS_HTTP_PORT }),
  ...infrastructure,
  inventoryGrpcAddress: {
    type: configTypes.string({
      pattern: /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/,
      patternDescription: 'host:port',
    }),
    default: '127.0.0.1:50051',
    description: "Address (host:port) of inventory's gRPC InventoryService.",
  },
  inventoryCallDeadlineMs: {
    type: configTypes.integer({ min: 50, max: 60_000 }),
    default: 2_000,
    unit: 'ms',
    description: 'gRPC deadline of one call to inventory (one attempt).',
  },
  inventoryAttempts: {
    type: configTypes.integer({ min: 1, max: 3 }),
    default: 3,
    description:
      'Calls made to inventory for one step when it answers UNAVAILABLE or DEADLINE_EXCEEDED (seed 003 §8: at most 3).',
  },
  inventoryBackoffBaseMs: {
    type: configTypes.integer({ min: 0, max: 10_000 }),
    default: 100,
    unit: 'ms',
    description:
      'Upper bound of the first retry delay towards inventory; retry n waits a random 0..min(max, base·2^(n-1)).',
  },
  inventoryBackoffMaxMs: {
    type: configTypes.integer({ min: 0, max: 30_000 }),
    default: 1_000,
    unit: 'ms',
    description: 'No retry delay towards inventory is longer than this.',
  },
  reservationTtlSeconds: {
    type: configTypes.integer({ min: 1, max: 86_400 }),
    default: 900,
    unit: 's',
    description:
      "How long a placed order's stock stays reserved awaiting payment; the order is canceled (RESERVATION_EXPIRED) when it passes.",
  },
  inventoryRetryAfterSeconds: {
    type: configTypes.integer({ min: 1, max: 3_600 }),
    default: 5,
    unit: 's',
    description: 'Retry-After answered with 503 when inventory could not be reached.',
  },
  paymentBaseUrl: {
    type: httpUrl,
    default: 'http://127.0.0.1:3006',
    description: 'Base URL of the payment service (createPayment, refundPayment).',
  },
  paymentTimeoutMs: {
    type: configTypes.integer({ min: 1_000, max: 120_000 }),
    default: 20_000,
    unit: 'ms',
    description:
      'How long one call to payment may take; more than its provider budget (PAYMENT_PSP_DEADLINE_MS, 15 s), since a charge may retry the provider that long.',
  },
  paymentRetryAfterSeconds: {
    type: configTypes.integer({ min: 1, max: 3_600 }),
    default: 5,
    unit: 's',
    description:
      'Retry-After answered with 503 when payment gave none (payment itself unreachable, or the outcome is not known yet).',
  },
  catalogBaseUrl: {
    type: httpUrl,
    default: 'http://127.0.0.1:3002',
    description: 'Base URL of the catalog service, which prices the items of a new order.',
  },
  cartBaseUrl: {
    type: httpUrl,
    default: 'http://127.0.0.1:3003',
    description:
      'Base URL of the cart service, read with the customer\'s own token for `{"fromCart": true}`.',
  },
  lookupTimeoutMs: {
    type: configTypes.integer({ min: 100, max: 60_000 }),
    default: 3_000,
    unit: 'ms',
    description: 'How long one call to catalog, cart or identity may take.',
  },
  identityBaseUrl: {
    type: httpUrl,
    default: 'http://127.0.0.1:3001',
    description:
      'Base URL of the identity service, which issues the service token payment requires.',
  },
  serviceClientId: {
    type: configTypes.string({
      pattern: /^[a-z][a-z0-9-]{1,62}$/,
      patternDescription: 'a client id',
    }),
    default: 'orders',
    description: "orders' client id at identity (IDENTITY_SERVICE_CLIENTS=orders:<secret>).",
  },
  serviceClientSecret: {
    type: configTypes.string({
      pattern: /^.{32,256}$/,
      patternDescription: '32 to 256 characters',
    }),
    secret: true,
    description: "orders' client secret at identity, exchanged for a 15-minute service token.",
  },
  serviceTokenRenewBeforeSeconds: {
    type: configTypes.integer({ min: 1, max: 3_000 }),
    default: 60,
    unit: 's',
    description: 'A cached service token is renewed when it has less than this left to live.',
  },
  sagaPollIntervalMs: {
    type: configTypes.integer({ min: 10, max: 600_000 }),
    default: 1_000,
    unit: 'ms',
    description:
      'Pause between two looks of the saga worker for due sagas (expired reservations, steps a crash or an outage left half-done).',
  },
  sagaBatchSize: {
    type: configTypes.integer({ min: 1, max: 1_000 }),
    default: 20,
    description:
      'Most due sagas one look claims; a full batch is followed by another look at once.',
  },
  sagaRetryBaseMs: {
    type: configTypes.integer({ min: 10, max: 3_600_000 }),
    default: 1_000,
    unit: 'ms',
    description:
      'Ceiling of the first delay before a failed saga step is tried again; it doubles per failure (half fixed, half random).',
  },
  sagaRetryMaxMs: {
    type: configTypes.integer({ min: 10, max: 86_400_000 }),
    default: 60_000,
    unit: 'ms',
    description: 'No saga step waits longer than this between two tries.',
  },
});

export type OrdersConfig = ReturnType<typeof ordersConfig.load>;

/** Cross-variable rules defineConfig cannot express; throws naming the variables. */
export function checkOrdersConfig(config: OrdersConfig): OrdersConfig {
  const problems: string[] = [];
  if (config.inventoryBackoffMaxMs < config.inventoryBackoffBaseMs)
    problems.push('ORDERS_INVENTORY_BACKOFF_MAX_MS must be >= ORDERS_INVENTORY_BACKOFF_BASE_MS');
  if (config.sagaRetryMaxMs < config.sagaRetryBaseMs)
    problems.push('ORDERS_SAGA_RETRY_MAX_MS must be >= ORDERS_SAGA_RETRY_BASE_MS');
  if (problems.length > 0)
    throw new Error(
      `Invalid ORDERS_* configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  return config;
}

/** What the command-line tools (src/cli) read: only the database. */
export const ordersCliConfig = defineConfig('ORDERS', {
  databaseUrl: databaseUrlVariable(),
});

export type OrdersCliConfig = ReturnType<typeof ordersCliConfig.load>;
