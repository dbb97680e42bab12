/**
 * Starts a Bazaar service from its parts, so every service's main.ts is wiring only: runtime
 * (logs, traces, token checks, metrics), its database (created and migrated), the broker, the
 * outbox relay and the event consumer, the HTTP app with the generated binding, readiness checks,
 * and a shutdown in the right order (stop accepting and drain HTTP, stop the consumer, let the
 * relay finish its batch, close the broker and the database).
 */
import type { Router } from 'express';
import type pg from 'pg';
import { createPool } from '../db/pool';
import { ensureDatabase } from '../db/ensure-database';
import { migrate } from '../db/migrate';
import { BrokerConnection } from '../events/broker-connection';
import { createEventConsumer, type EventConsumer } from '../events/event-consumer';
import type { EventHandlerContext, EventHandlerMap } from '../events/event-handler-types';
import type { EventRegistry } from '../events/envelope';
import { EventPublisher } from '../events/event-publisher';
import { OutboxRelay } from '../events/outbox-relay';
import { DEFAULT_EXCHANGE, DEFAULT_QUEUE_PREFIX } from '../events/topology';
import { createOutboxRelayPromMetrics } from '../events/outbox-relay-metrics';
import { createServiceApp } from '../http/create-service-app';
import {
  createServiceRuntime,
  type BootstrapConfig,
  type ServiceRuntime,
} from '../lifecycle/service-runtime';
import type { ServiceLifecycle } from '../lifecycle/service-lifecycle';
import { runService } from '../lifecycle/run-service';

/** The infrastructure part of a service's loaded configuration (infrastructureVariables). */
export interface InfrastructureConfig {
  databaseUrl?: string;
  databasePoolSize?: number;
  amqpUrl?: string;
  eventExchange?: string;
  eventQueuePrefix?: string;
  eventPrefetch?: number;
  eventRetryDelaysMs?: readonly number[];
}

/** What startService has connected, handed to the service to build its own parts. */
export interface ServiceResources {
  runtime: ServiceRuntime;
  /** The service database (when it has one), created and migrated. */
  pool: pg.Pool | undefined;
  /** The broker connection (when the service sends or receives events). */
  broker: BrokerConnection | undefined;
}

/** Work beside HTTP and events (saga ticker, MQTT ingest, ...): started last, stopped first. */
export interface BackgroundWorker {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ServiceParts {
  /** Mounts the generated binding (mount<Service>Api) and anything else on the service router. */
  mountApi(router: Router): void;
  /** One handler per routing key the service receives (generated <Service>Subscriptions). */
  subscriptions?: EventHandlerMap<Record<string, unknown>, EventHandlerContext>;
  workers?: BackgroundWorker[];
  /** Closes what the service opened itself (Redis clients, gRPC channels), after everything else stopped. */
  close?: () => Promise<void>;
}

export interface ServiceEvents {
  registry: EventRegistry;
  sends: readonly string[];
  receives: readonly string[];
  /**
   * Override the configured exchange (eventExchange), queue prefix (eventQueuePrefix) and the
   * connection name; in-process tests pass unique names.
   */
  exchange?: string;
  queuePrefix?: string;
  connectionName?: string;
}

export interface ServiceDefinition<Config extends BootstrapConfig & InfrastructureConfig> {
  /** e.g. "catalog": names logs, metrics, traces, the queue bazaar.<service> and the inbox. */
  service: string;
  config: Config;
  /** services/<service>/migrations; the platform's own migrations always run first. */
  migrationsDir?: string;
  /** The generated registry and the service's generated send/receive lists. */
  events?: ServiceEvents;
  /** Builds the service from what was connected; runs after the database and broker are up. */
  build(resources: ServiceResources): Promise<ServiceParts> | ServiceParts;
}

export interface StartedService {
  runtime: ServiceRuntime;
  resources: ServiceResources;
  consumer: EventConsumer | undefined;
  relay: OutboxRelay | undefined;
  url: string;
}

function required<T>(value: T | undefined, name: string, service: string): T {
  if (value === undefined)
    throw new Error(
      `${service}: ${name} is not configured (declare it with infrastructureVariables)`,
    );
  return value;
}

/**
 * Starts everything on `lifecycle` (a test passes its own and shuts it down; main.ts uses
 * runServiceMain). Each started piece registers its stopper before the next starts, so a failure
 * half-way stops what was started.
 */
export async function startService<Config extends BootstrapConfig & InfrastructureConfig>(
  definition: ServiceDefinition<Config>,
  lifecycle: ServiceLifecycle,
  runtime?: ServiceRuntime,
): Promise<StartedService> {
  const { service, config, events } = definition;
  const rt = runtime ?? (await createServiceRuntime(config, { service }));
  lifecycle.addStopper('tracing', () => rt.tracing.shutdown());
  const log = rt.logger;

  let pool: pg.Pool | undefined;
  if (config.databaseUrl !== undefined || definition.migrationsDir !== undefined) {
    const databaseUrl = required(config.databaseUrl, 'databaseUrl', service);
    await ensureDatabase(databaseUrl);
    const applied = await migrate({ databaseUrl, serviceMigrationsDir: definition.migrationsDir });
    log.info(
      { platform: applied.platform.length, service: applied.service.length },
      'database migrated',
    );
    const db = createPool(databaseUrl, {
      applicationName: service,
      max: config.databasePoolSize ?? 10,
      onIdleClientError: (error) => log.warn({ err: error }, 'idle database connection lost'),
    });
    pool = db;
    lifecycle.addStopper('database', () => db.end());
    rt.readiness.register('database', async () => void (await db.query('SELECT 1')));
  }

  let broker: BrokerConnection | undefined;
  const usesBroker =
    events !== undefined && (events.sends.length > 0 || events.receives.length > 0);
  if (usesBroker) {
    const connection = await BrokerConnection.open({
      url: required(config.amqpUrl, 'amqpUrl', service),
      connectionName: events.connectionName ?? `${service}@${process.pid}`,
      log,
    });
    broker = connection;
    lifecycle.addStopper('broker', () => connection.close());
    rt.readiness.register('broker', async () => {
      if (!connection.connected) throw new Error('not connected to RabbitMQ');
    });
  }

  const resources: ServiceResources = { runtime: rt, pool, broker };
  const parts = await definition.build(resources);
  if (parts.close) lifecycle.addStopper('service resources', parts.close);

  let relay: OutboxRelay | undefined;
  if (events && events.sends.length > 0) {
    const db = required(pool, 'a database (the outbox lives in it)', service);
    const publisher = await EventPublisher.create({
      connection: broker!,
      registry: events.registry,
      exchange: events.exchange ?? config.eventExchange ?? DEFAULT_EXCHANGE,
      log,
    });
    lifecycle.addStopper('event publisher', () => publisher.close());
    const outboxRelay = new OutboxRelay({
      pool: db,
      publisher,
      listenUrl: config.databaseUrl,
      metrics: createOutboxRelayPromMetrics(rt.metrics),
      log,
    });
    relay = outboxRelay;
    await outboxRelay.start();
    // Registered after the publisher, so it stops first: the relay finishes its batch, then the channel closes.
    lifecycle.addStopper('outbox relay', () => outboxRelay.stop());
  }

  let consumer: EventConsumer | undefined;
  if (events && events.receives.length > 0) {
    const handlers = required(
      parts.subscriptions,
      'subscriptions for its receive operations',
      service,
    );
    const eventConsumer = createEventConsumer({
      connection: broker!,
      service,
      receives: events.receives,
      handlers,
      registry: events.registry,
      exchange: events.exchange ?? config.eventExchange ?? DEFAULT_EXCHANGE,
      queuePrefix: events.queuePrefix ?? config.eventQueuePrefix ?? DEFAULT_QUEUE_PREFIX,
      pool: required(pool, 'a database (the inbox lives in it)', service),
      prefetch: config.eventPrefetch,
      ...(config.eventRetryDelaysMs
        ? {
            retry: {
              maxAttempts: config.eventRetryDelaysMs.length + 1,
              delaysMs: config.eventRetryDelaysMs,
            },
          }
        : {}),
      log,
    });
    consumer = eventConsumer;
    await eventConsumer.start();
    lifecycle.addStopper('event consumer', () => eventConsumer.stop());
  }

  const { app } = createServiceApp({ ...rt.appOptions, mountApi: parts.mountApi });
  const server = await lifecycle.listen(app, rt.listenOptions);

  for (const worker of parts.workers ?? []) {
    await worker.start();
    lifecycle.addStopper(worker.name, () => worker.stop());
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : rt.listenOptions.port;
  const url = `http://127.0.0.1:${port}`;
  log.info(
    { url, sends: events?.sends.length ?? 0, receives: events?.receives.length ?? 0 },
    `${service} started`,
  );
  return { runtime: rt, resources, consumer, relay, url };
}

/** main.ts's one call: runs the service until SIGTERM/SIGINT, then shuts it down gracefully. */
export async function runServiceMain<Config extends BootstrapConfig & InfrastructureConfig>(
  definition: ServiceDefinition<Config>,
): Promise<void> {
  const runtime = await createServiceRuntime(definition.config, { service: definition.service });
  await runService({
    ...runtime.lifecycleOptions,
    start: async (lifecycle) => {
      await startService(definition, lifecycle, runtime);
    },
  });
}
