/**
 * Consumes a service's queue (platform/src/events; architecture §6): declares its topology,
 * validates every message with the event registry before any handler runs, runs the handler
 * inside the producer's trace (and, with a database, exactly once through the inbox), acks only
 * after the handler's transaction committed, and routes failures through delayed retries to the
 * dead-letter queue. Re-declares and re-consumes after the channel or connection comes back.
 */
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type pg from 'pg';
import type { BrokerConnection } from './broker-connection';
import {
  type BindingReport,
  type BindingStore,
  postgresBindingStore,
  reconcileBindings,
} from './binding-store';
import { DeliveryProcessor } from './delivery-processor';
import type { EventRegistry } from './envelope';
import { type EventLogger, errorFields, silentLogger } from './event-logger';
import type {
  EventHandlerContext,
  EventHandlerMap,
  StatelessEventHandlerContext,
} from './event-handler-types';
import { ManagedChannel } from './managed-channel';
import { type RetrySettings, resolveRetrySettings } from './retry-settings';
import {
  DEFAULT_DELIVERY_LIMIT,
  declareServiceQueues,
  serviceQueueNames,
  type ServiceQueueNames,
} from './topology';

interface ConsumerOptionsBase<H> {
  connection: BrokerConnection;
  /** The consuming service: names its queues (`bazaar.<service>`) and its inbox rows. */
  service: string;
  /** Routing keys to bind: the AsyncAPI `receive` operations (generated `receives`). */
  receives: readonly string[];
  handlers: H;
  registry: EventRegistry;
  /** Default `bazaar.events`. */
  exchange?: string;
  /** Default `bazaar` (queues `bazaar.<service>…`); tests pass a unique prefix. */
  queuePrefix?: string;
  /** Unacknowledged messages in flight. Default 16. */
  prefetch?: number;
  retry?: Partial<RetrySettings>;
  /** Broker redeliveries before a message is treated as poison. Default 20. */
  deliveryLimit?: number;
  /** Where bound keys are recorded to find stale bindings; default the service database. */
  bindingStore?: BindingStore;
  /** Unbind keys the contract no longer receives. Default false (they are reported). */
  pruneStaleBindings?: boolean;
  /** Retry/DLQ copies must be confirmed within this many ms. Default 10000. */
  republishTimeoutMs?: number;
  log?: EventLogger;
}

export interface EventConsumerOptions<H> extends ConsumerOptionsBase<H> {
  /** The service database: handlers run exactly once, inside a transaction with the inbox row. */
  pool: pg.Pool;
}

export interface StatelessEventConsumerOptions<H> extends ConsumerOptionsBase<H> {
  pool?: undefined;
}

export class EventConsumer {
  readonly names: ServiceQueueNames;
  private readonly channel: ManagedChannel;
  private readonly processor: DeliveryProcessor;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly log: EventLogger;
  private consumerTag: string | undefined;
  private bindingsReconciled = false;
  /** What the first declaration found about stale bindings. */
  bindingReport: BindingReport | undefined;

  constructor(options: EventConsumerOptions<unknown> | StatelessEventConsumerOptions<unknown>) {
    this.log = options.log ?? silentLogger;
    this.names = serviceQueueNames({
      service: options.service,
      exchange: options.exchange,
      queuePrefix: options.queuePrefix,
    });
    const retry = resolveRetrySettings(options.retry);
    const handlers = options.handlers as Record<string, unknown>;
    checkHandlers(options.receives, handlers, options.registry);
    const prefetch = options.prefetch ?? 16;
    if (!Number.isInteger(prefetch) || prefetch < 1)
      throw new Error(`prefetch must be an integer ≥ 1, got ${prefetch}`);
    const bindingStore =
      options.bindingStore ?? (options.pool ? postgresBindingStore(options.pool) : undefined);

    this.processor = new DeliveryProcessor({
      service: options.service,
      names: this.names,
      registry: options.registry,
      handlers: handlers as Record<string, (event: unknown, ctx: unknown) => Promise<void>>,
      pool: options.pool,
      retry,
      republishTimeoutMs: options.republishTimeoutMs ?? 10_000,
      log: this.log,
    });

    this.channel = new ManagedChannel(options.connection, {
      name: `consumer:${this.names.queue}`,
      log: this.log,
      setup: async (channel) => {
        await declareServiceQueues(
          channel,
          this.names,
          options.receives,
          retry,
          options.deliveryLimit ?? DEFAULT_DELIVERY_LIMIT,
        );
        if (!this.bindingsReconciled && bindingStore) {
          this.bindingReport = await reconcileBindings(channel, {
            queue: this.names.queue,
            exchange: this.names.exchange,
            receives: options.receives,
            store: bindingStore,
            prune: options.pruneStaleBindings,
            log: this.log,
          });
          this.bindingsReconciled = true;
        }
        await channel.prefetch(prefetch);
        const { consumerTag } = await channel.consume(
          this.names.queue,
          (message) => this.onMessage(channel, message),
          {
            noAck: false,
          },
        );
        this.consumerTag = consumerTag;
      },
    });
  }

  /** Declares the topology and starts consuming; rejects on a permanent broker error. */
  async start(): Promise<void> {
    await this.channel.start();
  }

  /**
   * Cancels the subscription (after basic.cancel-ok the broker sends nothing more), handles and
   * acks every message already delivered, then closes the channel. A graceful stop thus leaves
   * nothing for the broker to return: returned messages may be redelivered out of order (quorum
   * queues return them in no guaranteed order), which would break per-partition order.
   */
  async stop(): Promise<void> {
    const channel = this.channel.current;
    if (channel && this.consumerTag) await channel.cancel(this.consumerTag).catch(() => undefined);
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.channel.stop();
  }

  private onMessage(channel: ConfirmChannel, message: ConsumeMessage | null): void {
    if (message === null) {
      // The server cancelled us (queue deleted, node lost): re-open to re-declare and re-consume.
      this.log.warn(
        { queue: this.names.queue },
        'consumer cancelled by the broker; re-subscribing',
      );
      this.channel.recycle();
      return;
    }
    const work = this.processor.process(channel, message).catch((error) => {
      this.log.error(
        { queue: this.names.queue, ...errorFields(error) },
        'message processing failed unexpectedly',
      );
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}

/** A consumer for a service with a database (handlers get `ctx.db`, the inbox makes them run once). */
export function createEventConsumer<H extends EventHandlerMap<H, EventHandlerContext>>(
  options: EventConsumerOptions<H>,
): EventConsumer;
/** A consumer for a stateless service (no inbox: handlers must tolerate a redelivery). */
export function createEventConsumer<H extends EventHandlerMap<H, StatelessEventHandlerContext>>(
  options: StatelessEventConsumerOptions<H>,
): EventConsumer;
export function createEventConsumer(
  options: EventConsumerOptions<unknown> | StatelessEventConsumerOptions<unknown>,
): EventConsumer {
  return new EventConsumer(options);
}

function checkHandlers(
  receives: readonly string[],
  handlers: Record<string, unknown>,
  registry: EventRegistry,
): void {
  const known = new Set(registry.types);
  const problems: string[] = [];
  for (const key of receives) {
    if (!known.has(key)) problems.push(`receives "${key}", which the event registry does not know`);
    if (typeof handlers[key] !== 'function')
      problems.push(`no handler for received event "${key}"`);
  }
  for (const key of Object.keys(handlers)) {
    if (!receives.includes(key)) problems.push(`handler for "${key}", which is not in receives`);
  }
  if (problems.length > 0) throw new Error(`event consumer misconfigured: ${problems.join('; ')}`);
}
