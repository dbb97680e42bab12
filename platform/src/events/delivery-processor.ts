/**
 * What the consumer does with one delivery (platform/src/events): parse and validate it with the
 * registry (invalid → dead-letter queue at once, with the reason), run its handler in the
 * producer's trace and through the inbox, ack after commit; on a handler failure send a copy to
 * the retry queue for the next delay, or after the last attempt to the dead-letter queue, and only
 * then ack the original (so a crash in between duplicates, never loses, the message).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { SpanKind } from '@opentelemetry/api';
import type { ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import type pg from 'pg';
import { runWithLogContext } from '../telemetry/log-context';
import { withSpan } from '../telemetry/spans';
import { publishConfirmed } from './confirmed-publish';
import type { EventEnvelope, EventRegistry } from './envelope';
import { type EventLogger, errorFields } from './event-logger';
import {
  attemptsSoFar,
  deadLetterHeaders,
  type FailureHeaderInput,
  type FailureReason,
  HEADER,
  originalRoutingKey,
  retryHeaders,
} from './failure-headers';
import { handleOnce } from './inbox';
import { KeyedSerialQueue } from './keyed-serial-queue';
import type { RetrySettings } from './retry-settings';
import type { ServiceQueueNames } from './topology';
import { contextFromHeaders } from './trace-headers';

type AnyHandler = (event: unknown, ctx: unknown) => Promise<void>;

export interface DeliveryProcessorOptions {
  service: string;
  names: ServiceQueueNames;
  registry: EventRegistry;
  handlers: Record<string, AnyHandler>;
  pool?: pg.Pool;
  retry: RetrySettings;
  republishTimeoutMs: number;
  log: EventLogger;
}

class NoHandlerError extends Error {
  override name = 'NoHandlerError';
}

/** Pause before returning a message whose retry/DLQ copy could not be written (no hot loop). */
const REQUEUE_PAUSE_MS = 1_000;

export class DeliveryProcessor {
  private readonly serial = new KeyedSerialQueue();

  constructor(private readonly options: DeliveryProcessorOptions) {}

  async process(channel: ConfirmChannel, message: ConsumeMessage): Promise<void> {
    const headers = message.properties.headers ?? {};
    const exchange = headers[HEADER.originalExchange];
    const failure: FailureHeaderInput = {
      headers,
      attempts: attemptsSoFar(headers),
      routingKey: originalRoutingKey(headers, message.fields.routingKey),
      exchange: typeof exchange === 'string' ? exchange : message.fields.exchange,
      consumer: this.options.service,
    };
    let value: unknown;
    try {
      value = JSON.parse(message.content.toString('utf8'));
    } catch (error) {
      return this.deadLetter(channel, message, failure, 'not-json', error);
    }
    const validation = this.options.registry.validate(value);
    if (!validation.ok) {
      const detail = new Error(validation.errors.join('; ') || validation.reason);
      return this.deadLetter(channel, message, failure, validation.reason, detail);
    }
    const event = validation.event;
    // One partition's events are handled in delivery order; other partitions run alongside.
    return this.serial.run(event.partitionKey, () => this.handle(channel, message, event, failure));
  }

  private async handle(
    channel: ConfirmChannel,
    message: ConsumeMessage,
    event: EventEnvelope,
    failure: FailureHeaderInput,
  ): Promise<void> {
    const attempt = failure.attempts + 1;
    const { log, service } = this.options;
    try {
      await runWithLogContext(
        { eventType: event.eventType, eventId: event.eventId, correlationId: event.correlationId },
        () =>
          withSpan(`${event.eventType} process`, () => this.runHandler(message, event, attempt), {
            kind: SpanKind.CONSUMER,
            parent: contextFromHeaders(message.properties.headers),
            attributes: {
              'messaging.system': 'rabbitmq',
              'messaging.operation': 'process',
              'messaging.destination.name': this.options.names.queue,
              'messaging.message.id': event.eventId,
              'bazaar.event.attempt': attempt,
            },
          }),
      );
    } catch (error) {
      const reason: FailureReason =
        error instanceof NoHandlerError ? 'no-handler' : 'handler-failed';
      const failed = { ...failure, attempts: attempt };
      if (attempt < this.options.retry.maxAttempts) {
        const delayMs = this.options.retry.delaysMs[attempt - 1] as number;
        log.warn(
          {
            consumer: service,
            eventType: event.eventType,
            eventId: event.eventId,
            attempt,
            retryInMs: delayMs,
            ...errorFields(error),
          },
          'event handler failed; retrying later',
        );
        return this.sendCopy(
          channel,
          message,
          this.options.names.retryQueue(delayMs),
          retryHeaders(failed, error),
        );
      }
      return this.deadLetter(channel, message, failed, reason, error);
    }
    safeAck(channel, message);
  }

  private async runHandler(
    message: ConsumeMessage,
    event: EventEnvelope,
    attempt: number,
  ): Promise<void> {
    const handler = this.options.handlers[event.eventType];
    if (!handler)
      throw new NoHandlerError(`no handler for ${event.eventType} in ${this.options.service}`);
    const base = {
      log: this.options.log,
      attempt,
      consumer: this.options.service,
      redelivered: message.fields.redelivered,
    };
    const pool = this.options.pool;
    if (!pool) return handler(event, base);
    const outcome = await handleOnce(pool, this.options.service, event, (db) =>
      handler(event, { ...base, db }),
    );
    if (!outcome.handled) {
      this.options.log.debug(
        { eventId: event.eventId, eventType: event.eventType },
        'duplicate event skipped (inbox)',
      );
    }
  }

  private async deadLetter(
    channel: ConfirmChannel,
    message: ConsumeMessage,
    failure: FailureHeaderInput,
    reason: FailureReason,
    error: unknown,
  ): Promise<void> {
    this.options.log.error(
      {
        consumer: this.options.service,
        reason,
        routingKey: failure.routingKey,
        attempts: failure.attempts,
        messageId: message.properties.messageId,
        ...errorFields(error),
      },
      'message dead-lettered',
    );
    const headers = deadLetterHeaders(failure, reason, error);
    return this.sendCopy(channel, message, this.options.names.deadLetterQueue, headers);
  }

  /** Writes a confirmed copy to `queue`, then acks the original; on failure returns it later. */
  private async sendCopy(
    channel: ConfirmChannel,
    message: ConsumeMessage,
    queue: string,
    headers: Record<string, unknown>,
  ): Promise<void> {
    const p = message.properties;
    const options: Options.Publish = {
      persistent: true,
      mandatory: true,
      messageId: p.messageId,
      type: p.type,
      contentType: p.contentType,
      contentEncoding: p.contentEncoding,
      correlationId: p.correlationId,
      timestamp: p.timestamp,
      appId: p.appId,
      headers,
    };
    const [result] = await publishConfirmed(
      channel,
      [{ exchange: '', routingKey: queue, content: message.content, options }],
      this.options.republishTimeoutMs,
    );
    if (result?.status === 'fulfilled') {
      safeAck(channel, message);
      return;
    }
    this.options.log.error(
      { queue, ...errorFields(result?.reason) },
      'could not write retry/dead-letter copy; message returned to the queue',
    );
    await delay(REQUEUE_PAUSE_MS);
    safeNack(channel, message);
  }
}

/** After the channel closed, an ack is impossible and unnecessary: the broker redelivers. */
function safeAck(channel: ConfirmChannel, message: ConsumeMessage): void {
  try {
    channel.ack(message);
  } catch {
    /* channel closed: the message is redelivered and the inbox absorbs the repeat */
  }
}

function safeNack(channel: ConfirmChannel, message: ConsumeMessage): void {
  try {
    channel.nack(message, false, true);
  } catch {
    /* channel closed: the message is redelivered anyway */
  }
}
