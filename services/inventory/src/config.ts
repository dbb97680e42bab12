/**
 * Every INVENTORY_* environment variable of the inventory service, declared once with its default,
 * unit and description (style rule 6); README.md's table is generated from this file.
 */
import { configTypes, defineConfig, serviceVariables } from '@bazaar/platform/config/index';
import { infrastructureVariables } from '@bazaar/platform/service/index';

/** An MQTT topic prefix: levels without wildcards, no leading or trailing slash. */
const TOPIC_PREFIX = /^[^/+#\s]+(\/[^/+#\s]+)*$/;

export const inventoryConfig = defineConfig('INVENTORY', {
  ...serviceVariables({ httpPort: 3005 }),
  ...infrastructureVariables({ database: 'bazaar_inventory', broker: true }),
  grpcHost: {
    type: configTypes.string(),
    default: '0.0.0.0',
    description: 'Interface address the gRPC InventoryService binds to.',
  },
  grpcPort: {
    type: configTypes.port(),
    default: 50051,
    description:
      'TCP port of the gRPC InventoryService the orders saga calls (0 picks a free port).',
  },
  grpcShutdownTimeoutMs: {
    type: configTypes.integer({ min: 0, max: 600_000 }),
    default: 10_000,
    unit: 'ms',
    description:
      'How long in-flight gRPC calls may finish at shutdown before the server cuts them (tryShutdown, then forceShutdown).',
  },
  reservationDefaultTtlSeconds: {
    type: configTypes.integer({ min: 1, max: 86_400 }),
    default: 900,
    unit: 's',
    description: 'Lifetime of a reservation whose ReserveStock request sets no ttl.',
  },
  expirySweepIntervalMs: {
    type: configTypes.integer({ min: 10, max: 3_600_000 }),
    default: 5_000,
    unit: 'ms',
    description:
      'Pause between two sweeps that release reservations past their expiry (reason RESERVATION_EXPIRED).',
  },
  expiryBatchSize: {
    type: configTypes.integer({ min: 1, max: 10_000 }),
    default: 100,
    description: 'Most expired reservations one sweep releases before pausing.',
  },
  mqttEnabled: {
    type: configTypes.boolean(),
    default: true,
    description: 'Ingest IoT stock deltas from MQTT (off where no devices report).',
  },
  mqttUrl: {
    type: configTypes.url({ protocols: ['mqtt:', 'mqtts:', 'tcp:', 'ssl:', 'ws:', 'wss:'] }),
    default: 'mqtt://127.0.0.1:1883',
    description: 'MQTT broker the IoT devices publish to.',
  },
  mqttUsername: {
    type: configTypes.string(),
    optional: true,
    description: 'User name for the MQTT broker, when it requires one.',
  },
  mqttPassword: {
    type: configTypes.string(),
    optional: true,
    secret: true,
    description: 'Password for the MQTT broker, when it requires one.',
  },
  mqttClientId: {
    type: configTypes.string({
      pattern: /^[A-Za-z0-9_.:-]{1,64}$/,
      patternDescription: '1 to 64 letters, digits, _ . : -',
    }),
    default: 'bazaar-inventory',
    description:
      'Fixed MQTT client id: names the persistent session in which the broker keeps deltas sent while the service is down. One running ingest per id.',
  },
  mqttTopicPrefix: {
    type: configTypes.string({
      pattern: TOPIC_PREFIX,
      patternDescription: 'topic levels without wildcards or leading/trailing "/"',
    }),
    default: 'iot/inventory',
    description: 'Topic prefix of the delta messages: the ingest subscribes to <prefix>/+/delta.',
  },
  mqttSessionExpirySeconds: {
    type: configTypes.integer({ min: 1, max: 4_294_967_295 }),
    default: 604_800,
    unit: 's',
    description:
      'How long the broker keeps the session (and queues deltas) while the ingest is disconnected.',
  },
  mqttReconnectPeriodMs: {
    type: configTypes.integer({ min: 100, max: 600_000 }),
    default: 1_000,
    unit: 'ms',
    description: 'Pause before reconnecting to the MQTT broker after the connection is lost.',
  },
  mqttApplyAttempts: {
    type: configTypes.integer({ min: 1, max: 20 }),
    default: 3,
    description:
      'Attempts to apply one delta when the database fails, before the message is left unacknowledged for the broker to redeliver after a reconnect.',
  },
});

export type InventoryConfig = ReturnType<typeof inventoryConfig.load>;
