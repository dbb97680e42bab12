/**
 * Keeps one confirm channel open for a publisher or consumer (platform/src/events): opens it, runs
 * the owner's setup (declare topology, start consuming), and after the channel or the connection
 * closes re-opens it with exponential backoff and runs the setup again, until stopped.
 */
import { EventEmitter, once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import type { ConfirmChannel } from 'amqplib';
import { type BrokerConnection, BrokerUnavailableError } from './broker-connection';
import { type EventLogger, errorFields, silentLogger } from './event-logger';

export interface ManagedChannelOptions {
  /** For logs: what this channel is for. */
  name: string;
  /** Runs on every (re)opened channel before it is handed out. */
  setup: (channel: ConfirmChannel) => Promise<void>;
  log?: EventLogger;
  /** Re-open delay bounds, ms. Defaults 100 and 5000. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** AMQP reply codes that a retry cannot fix (wrong queue arguments, missing entity, access). */
function isPermanentChannelError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 403 || code === 404 || code === 406;
}

export class ManagedChannel {
  private channel: ConfirmChannel | undefined;
  private stopped = false;
  private opening: Promise<void> | undefined;
  private readonly events = new EventEmitter();
  private readonly log: EventLogger;

  constructor(
    private readonly connection: BrokerConnection,
    private readonly options: ManagedChannelOptions,
  ) {
    this.log = options.log ?? silentLogger;
    this.events.setMaxListeners(0);
  }

  /**
   * Opens the channel. Rejects when the first setup fails with a permanent AMQP error (e.g.
   * PRECONDITION_FAILED for changed queue arguments), so a misconfigured service fails at start.
   */
  async start(): Promise<void> {
    try {
      await this.openOnce();
    } catch (error) {
      if (isPermanentChannelError(error)) throw error;
      this.log.warn(
        { channel: this.options.name, ...errorFields(error) },
        'channel open failed, retrying',
      );
      this.reopenLater();
    }
  }

  /** The open channel, if any. */
  get current(): ConfirmChannel | undefined {
    return this.channel;
  }

  /** The open channel, waiting up to `timeoutMs` for a re-open; BrokerUnavailableError after. */
  async ready(timeoutMs: number): Promise<ConfirmChannel> {
    if (this.channel) return this.channel;
    if (this.stopped || this.connection.isClosed) {
      throw new BrokerUnavailableError(`${this.options.name}: channel or connection is closed`);
    }
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      await once(this.events, 'open', { signal });
    } catch {
      throw new BrokerUnavailableError(
        `${this.options.name}: no broker channel within ${timeoutMs} ms (RabbitMQ unreachable?)`,
      );
    }
    if (!this.channel)
      throw new BrokerUnavailableError(`${this.options.name}: channel closed again`);
    return this.channel;
  }

  /** Closes the channel and stops re-opening it. */
  async stop(): Promise<void> {
    this.stopped = true;
    const channel = this.channel;
    this.channel = undefined;
    if (channel) await channel.close().catch(() => undefined);
  }

  /** Closes the current channel so that it is re-opened (e.g. after the server cancelled a consumer). */
  recycle(): void {
    void this.channel?.close().catch(() => undefined);
  }

  private async openOnce(): Promise<void> {
    const channel = await this.connection.createConfirmChannel();
    try {
      await this.options.setup(channel);
    } catch (error) {
      await channel.close().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await channel.close().catch(() => undefined);
      return;
    }
    channel.once('close', () => {
      if (this.channel === channel) this.channel = undefined;
      if (!this.stopped) this.reopenLater();
    });
    this.channel = channel;
    this.events.emit('open');
  }

  private reopenLater(): void {
    if (this.opening || this.stopped) return;
    this.opening = (async () => {
      let wait = this.options.initialDelayMs ?? 100;
      const max = this.options.maxDelayMs ?? 5_000;
      while (!this.stopped && !this.channel && !this.connection.isClosed) {
        await delay(wait);
        if (this.stopped) break;
        try {
          await this.openOnce();
        } catch (error) {
          this.log.warn(
            { channel: this.options.name, ...errorFields(error) },
            'channel re-open failed',
          );
          wait = Math.min(max, wait * 2);
        }
      }
    })().finally(() => {
      this.opening = undefined;
    });
  }
}
