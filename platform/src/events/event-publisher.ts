/**
 * Publishes events to the topic exchange with publisher confirms (platform/src/events; architecture
 * §6). Used by the outbox relay; a publish while the broker is unreachable waits up to
 * `channelWaitMs` and then fails with BrokerUnavailableError, which the relay simply retries.
 */
import type { BrokerConnection } from './broker-connection';
import { type ConfirmedSend, sendConfirmed } from './confirmed-publish';
import type { EventEnvelope, EventRegistry } from './envelope';
import { OutboxValidationError } from './outbox';
import { envelopeToOutgoingEvent, type OutgoingEvent } from './amqp-message';
import { type EventLogger, silentLogger } from './event-logger';
import { ManagedChannel } from './managed-channel';
import { declareEventsExchange } from './topology';

export interface EventPublisherOptions {
  connection: BrokerConnection;
  /** Default `bazaar.events`; tests pass a unique name. */
  exchange?: string;
  /** Wait this long for a (re)connected channel before failing, ms. Default 5000. */
  channelWaitMs?: number;
  /** Fail a publish whose confirm has not arrived after this long, ms. Default 10000. */
  confirmTimeoutMs?: number;
  /** When given, `publish` validates each envelope first (the outbox always does). */
  registry?: EventRegistry;
  log?: EventLogger;
}

export class EventPublisher {
  readonly exchange: string;
  private readonly channel: ManagedChannel;
  private readonly channelWaitMs: number;
  private readonly confirmTimeoutMs: number;
  private readonly registry: EventRegistry | undefined;
  /** Resolves when the last publishAll call has written all its messages. */
  private writing: Promise<void> = Promise.resolve();

  private constructor(options: EventPublisherOptions) {
    this.exchange = options.exchange ?? 'bazaar.events';
    this.channelWaitMs = options.channelWaitMs ?? 5_000;
    this.confirmTimeoutMs = options.confirmTimeoutMs ?? 10_000;
    this.registry = options.registry;
    this.channel = new ManagedChannel(options.connection, {
      name: `publisher:${this.exchange}`,
      log: options.log ?? silentLogger,
      setup: (channel) => declareEventsExchange(channel, this.exchange),
    });
  }

  /** Declares the exchange and opens the confirm channel. */
  static async create(options: EventPublisherOptions): Promise<EventPublisher> {
    const publisher = new EventPublisher(options);
    await publisher.channel.start();
    return publisher;
  }

  /**
   * Publishes messages in order: `written` resolves once they are all on the channel, `settled`
   * with one result per message. A call's messages are written strictly after those of every
   * earlier call, so a caller may keep several batches in flight without reordering them.
   */
  send(messages: readonly OutgoingEvent[]): ConfirmedSend {
    const previous = this.writing;
    let release!: () => void;
    this.writing = new Promise<void>((resolve) => (release = resolve));
    const started = (async (): Promise<ConfirmedSend> => {
      try {
        await previous;
        const channel = await this.channel.ready(this.channelWaitMs);
        return sendConfirmed(
          channel,
          messages.map((m) => ({ exchange: this.exchange, ...m })),
          this.confirmTimeoutMs,
        );
      } catch (error) {
        const failed = messages.map((): PromiseSettledResult<void> => ({
          status: 'rejected',
          reason: error,
        }));
        return { written: Promise.resolve(), settled: Promise.resolve(failed) };
      }
    })();
    const written = started.then((send) => send.written);
    void written.finally(release);
    return { written, settled: started.then((send) => send.settled) };
  }

  /** `send`, resolving with one settled result per message once all are confirmed or failed. */
  publishAll(messages: readonly OutgoingEvent[]): Promise<PromiseSettledResult<void>[]> {
    return this.send(messages).settled;
  }

  /** Publishes one envelope directly (no outbox) and resolves once the broker confirmed it. */
  async publish(event: EventEnvelope): Promise<void> {
    const validation = this.registry?.validate(event);
    if (validation && !validation.ok) {
      throw new OutboxValidationError(event.eventType, validation.reason, validation.errors);
    }
    const [result] = await this.publishAll([envelopeToOutgoingEvent(event)]);
    if (result?.status === 'rejected') throw result.reason;
  }

  async close(): Promise<void> {
    await this.channel.stop();
  }
}
