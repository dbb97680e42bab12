/**
 * The inventory service assembled from its parts (style §2.1): persistence → use cases → the REST
 * routes, the event subscriptions, and three background workers started by startService after HTTP
 * (and stopped before it): the gRPC InventoryService, the reservation expiry sweep and the MQTT
 * ingest of IoT stock deltas.
 */
import path from 'node:path';
import { inventoryEvents } from '@bazaar/generated/events/inventory';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { mountInventoryApi } from '@bazaar/generated/http/inventory/server';
import type {
  BackgroundWorker,
  ServiceDefinition,
  ServiceEvents,
} from '@bazaar/platform/service/index';
import type { InventoryConfig } from './config';
import { inventorySubscriptions } from './event-handlers/subscriptions';
import { inventoryGrpcHandlers } from './grpc/inventory.grpc-handlers';
import { GrpcServerWorker } from './grpc/grpc-server.worker';
import { inventoryRoutes } from './http/routes';
import { createInventoryMetrics, type InventoryMetrics } from './metrics';
import { createIotDeltaHandler } from './mqtt/iot-delta.message-handler';
import { MqttIngestWorker } from './mqtt/mqtt-ingest.worker';
import type { UseCaseDeps } from './use-cases/use-case-deps';
import { ReservationExpiryWorker } from './workers/reservation-expiry.worker';

export const INVENTORY_MIGRATIONS_DIR = path.resolve(__dirname, '../migrations');

export interface InventoryServiceOptions {
  /** Unique exchange, queue prefix and connection name (tests); default the platform's. */
  events?: Pick<ServiceEvents, 'exchange' | 'queuePrefix' | 'connectionName'>;
  /** Default: the system clock. */
  clock?: () => Date;
}

/** What build() made, for tests and tools that need to reach a part of the running service. */
export interface InventoryParts {
  deps: UseCaseDeps;
  metrics: InventoryMetrics;
  grpc: GrpcServerWorker;
  expiry: ReservationExpiryWorker;
  /** Absent when INVENTORY_MQTT_ENABLED is false. */
  mqtt: MqttIngestWorker | undefined;
}

export interface InventoryServiceDefinition extends ServiceDefinition<InventoryConfig> {
  /** The built parts; throws before startService has run build(). */
  parts(): InventoryParts;
}

export function inventoryService(
  config: InventoryConfig,
  options: InventoryServiceOptions = {},
): InventoryServiceDefinition {
  let built: InventoryParts | undefined;
  return {
    service: 'inventory',
    config,
    migrationsDir: INVENTORY_MIGRATIONS_DIR,
    events: {
      registry: eventRegistry,
      sends: inventoryEvents.sends,
      receives: inventoryEvents.receives,
      ...options.events,
    },
    parts() {
      if (!built) throw new Error('the inventory service has not been built yet');
      return built;
    },
    build({ pool, runtime }) {
      if (!pool) throw new Error('inventory needs its database');
      const logger = runtime.logger;
      const deps: UseCaseDeps = { pool, clock: options.clock ?? (() => new Date()) };
      const metrics = createInventoryMetrics(runtime.metrics);
      const grpc = new GrpcServerWorker({
        host: config.grpcHost,
        port: config.grpcPort,
        shutdownTimeoutMs: config.grpcShutdownTimeoutMs,
        handlers: inventoryGrpcHandlers({
          ...deps,
          defaultTtlMs: config.reservationDefaultTtlSeconds * 1_000,
          metrics,
        }),
        logger,
      });
      const expiry = new ReservationExpiryWorker({
        deps,
        intervalMs: config.expirySweepIntervalMs,
        batchSize: config.expiryBatchSize,
        logger,
        metrics,
      });
      const mqtt = config.mqttEnabled
        ? new MqttIngestWorker({
            url: config.mqttUrl,
            username: config.mqttUsername,
            password: config.mqttPassword,
            clientId: config.mqttClientId,
            topicPrefix: config.mqttTopicPrefix,
            sessionExpirySeconds: config.mqttSessionExpirySeconds,
            reconnectPeriodMs: config.mqttReconnectPeriodMs,
            deps,
            handle: createIotDeltaHandler({
              deps,
              topicPrefix: config.mqttTopicPrefix,
              applyAttempts: config.mqttApplyAttempts,
              logger,
              metrics,
            }),
            logger,
          })
        : undefined;
      built = { deps, metrics, grpc, expiry, mqtt };
      const workers: BackgroundWorker[] = [grpc, expiry, ...(mqtt ? [mqtt] : [])];
      return {
        mountApi: (router) =>
          mountInventoryApi(router, inventoryRoutes(deps), runtime.mountOptions),
        subscriptions: inventorySubscriptions,
        workers,
      };
    },
  };
}
