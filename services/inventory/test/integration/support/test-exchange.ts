/**
 * A suite's test exchange seen from outside the service: collects every event published on it (a
 * queue bound with `#`), so tests assert on what the outbox relay really published to RabbitMQ,
 * and publishes events other services would send (e.g. catalog's product.created).
 */
import amqp from 'amqplib';
import { envelopeToOutgoingEvent, type EventEnvelope } from '@bazaar/platform/events/index';
import { waitFor } from '@bazaar/platform/testing/index';

export interface ObservedEvent {
  eventType: string;
  eventId: string;
  traceId: string;
  correlationId: string;
  partitionKey: string;
  payload: Record<string, unknown>;
  headers: Record<string, unknown>;
}

export interface EventObserver {
  readonly all: readonly ObservedEvent[];
  /** Events of `type` whose payload matches `where` (every listed field equal). */
  find(type: string, where?: Record<string, unknown>): ObservedEvent[];
  /** Waits until `count` such events arrived (default 1) and returns them. */
  waitFor(type: string, where?: Record<string, unknown>, count?: number): Promise<ObservedEvent[]>;
  /** Publishes `event` as its producer's relay would (routing key, properties, trace headers). */
  publish(event: EventEnvelope): Promise<void>;
  close(): Promise<void>;
}

export async function openTestExchange(
  url: string,
  exchange: string,
  queue: string,
): Promise<EventObserver> {
  const connection = await amqp.connect(url);
  connection.on('error', () => undefined);
  const channel = await connection.createConfirmChannel();
  await channel.assertExchange(exchange, 'topic', { durable: true });
  await channel.assertQueue(queue, { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, exchange, '#');
  const all: ObservedEvent[] = [];
  await channel.consume(
    queue,
    (message) => {
      if (!message) return;
      const body = JSON.parse(message.content.toString('utf8')) as ObservedEvent;
      all.push({ ...body, headers: message.properties.headers ?? {} });
    },
    { noAck: true },
  );
  const find = (type: string, where: Record<string, unknown> = {}) =>
    all.filter(
      (event) =>
        event.eventType === type &&
        Object.entries(where).every(
          ([key, value]) => JSON.stringify(event.payload[key]) === JSON.stringify(value),
        ),
    );
  return {
    all,
    find,
    async waitFor(type, where = {}, count = 1) {
      await waitFor(() => find(type, where).length >= count, {
        timeoutMs: 15_000,
        description: `${count} × ${type} ${JSON.stringify(where)}`,
      });
      return find(type, where);
    },
    async publish(event) {
      const message = envelopeToOutgoingEvent(event);
      channel.publish(exchange, message.routingKey, message.content, message.options);
      await channel.waitForConfirms();
    },
    async close() {
      await connection.close().catch(() => undefined);
    },
  };
}
