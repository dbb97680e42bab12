/**
 * RabbitMQ topology from the contract (platform/src/events; architecture §6): the durable topic
 * exchange, and per consuming service a durable quorum queue bound to exactly its `receive`
 * routing keys, one TTL retry queue per distinct retry delay that dead-letters back into it, and a
 * dead-letter queue.
 *
 * Retry queues are per delay (not one queue with per-message TTL) because RabbitMQ only expires
 * messages at the head of a queue: a 2-minute message would hold back a 1-second one. The delay is
 * part of the queue name, so changing a delay declares a new queue instead of failing with
 * PRECONDITION_FAILED on changed arguments. All queues use at-least-once dead-lettering, so a
 * message moving between them is never dropped (RabbitMQ ≥ 3.10).
 */
import type { Channel } from 'amqplib';
import type { RetrySettings } from './retry-settings';

export const DEFAULT_EXCHANGE = 'bazaar.events';
export const DEFAULT_QUEUE_PREFIX = 'bazaar';
/** Broker-side redeliveries (crash, lost connection) before a message is dead-lettered as poison. */
export const DEFAULT_DELIVERY_LIMIT = 20;

export interface ServiceQueueNames {
  exchange: string;
  /** `bazaar.<service>`: bound to the service's receive keys. */
  queue: string;
  /** `bazaar.<service>.dlq`. */
  deadLetterQueue: string;
  /** `bazaar.<service>.retry.<delay>ms` for a retry delay. */
  retryQueue(delayMs: number): string;
}

export interface QueueNamingOptions {
  service: string;
  exchange?: string;
  queuePrefix?: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** The exchange and queue names of a consuming service. */
export function serviceQueueNames(options: QueueNamingOptions): ServiceQueueNames {
  const exchange = options.exchange ?? DEFAULT_EXCHANGE;
  const prefix = options.queuePrefix ?? DEFAULT_QUEUE_PREFIX;
  for (const [field, value] of [
    ['service', options.service],
    ['exchange', exchange],
    ['queuePrefix', prefix],
  ] as const) {
    if (!NAME.test(value))
      throw new Error(`${field} "${value}" is not a valid queue/exchange name part`);
  }
  const queue = `${prefix}.${options.service}`;
  return {
    exchange,
    queue,
    deadLetterQueue: `${queue}.dlq`,
    retryQueue: (delayMs) => `${queue}.retry.${delayMs}ms`,
  };
}

const QUORUM = {
  'x-queue-type': 'quorum',
  // at-least-once dead-lettering requires reject-publish overflow; no length limit is set.
  'x-dead-letter-strategy': 'at-least-once',
  'x-overflow': 'reject-publish',
};

export async function declareEventsExchange(channel: Channel, exchange: string): Promise<void> {
  await channel.assertExchange(exchange, 'topic', { durable: true });
}

/**
 * Declares the exchange, the service queue (bound to `receives`), its retry queues and its DLQ.
 * Binding is idempotent; stale bindings are handled by reconcileBindings (binding-store.ts).
 */
export async function declareServiceQueues(
  channel: Channel,
  names: ServiceQueueNames,
  receives: readonly string[],
  retry: RetrySettings,
  deliveryLimit: number = DEFAULT_DELIVERY_LIMIT,
): Promise<void> {
  await declareEventsExchange(channel, names.exchange);
  await channel.assertQueue(names.deadLetterQueue, {
    durable: true,
    arguments: { 'x-queue-type': 'quorum' },
  });
  await channel.assertQueue(names.queue, {
    durable: true,
    arguments: {
      ...QUORUM,
      // A message that keeps killing its consumer goes to the DLQ instead of looping forever.
      'x-delivery-limit': deliveryLimit,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': names.deadLetterQueue,
    },
  });
  for (const delayMs of new Set(retry.delaysMs)) {
    await channel.assertQueue(names.retryQueue(delayMs), {
      durable: true,
      arguments: {
        ...QUORUM,
        'x-message-ttl': delayMs,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': names.queue,
      },
    });
  }
  for (const routingKey of receives)
    await channel.bindQueue(names.queue, names.exchange, routingKey);
}
