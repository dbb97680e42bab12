/**
 * One RabbitMQ connection per process (platform/src/events) that reconnects with exponential
 * backoff after the broker or network drops it, using amqplib 2's built-in recovery. Publishers
 * and consumers open their own channels on it and re-open them (re-declaring their topology) when
 * a channel or the connection closes.
 */
import { EventEmitter } from 'node:events';
import amqp, { type ConfirmChannel, type RecoveringChannelModel } from 'amqplib';
import { type EventLogger, errorFields, silentLogger } from './event-logger';

export interface BrokerConnectionOptions {
  /** `amqp://user:pass@host:5672/vhost`. */
  url: string;
  /**
   * Client-provided connection name, shown by `rabbitmqctl list_connections client_properties`
   * (e.g. `orders@host:pid`); tests make it unique so they can close only their own connection.
   */
  connectionName: string;
  /** First reconnect delay, ms. Default 100. */
  initialDelayMs?: number;
  /** Reconnect delays grow ×2 (±20 % jitter) up to this, ms. Default 5000. */
  maxDelayMs?: number;
  /** Retries before the FIRST connection gives up, so a wrong URL fails start-up. Default 10. */
  initialMaxRetries?: number;
  /** AMQP heartbeat, seconds; detects a dead peer. Default 10. */
  heartbeatSeconds?: number;
  log?: EventLogger;
}

/** Thrown when publishing cannot start because the broker has been unreachable too long. */
export class BrokerUnavailableError extends Error {
  override name = 'BrokerUnavailableError';
}

export class BrokerConnection extends EventEmitter {
  private constructor(
    private readonly model: RecoveringChannelModel,
    readonly connectionName: string,
  ) {
    super();
  }

  private isConnected = false;
  private closed = false;

  /** Connects (retrying up to `initialMaxRetries`) and keeps the connection up until `close()`. */
  static async open(options: BrokerConnectionOptions): Promise<BrokerConnection> {
    if (!options.connectionName) throw new Error('BrokerConnection: connectionName is required');
    const log = options.log ?? silentLogger;
    const url = new URL(options.url);
    if (url.protocol !== 'amqp:' && url.protocol !== 'amqps:') {
      throw new Error(`BrokerConnection: url must use amqp:// or amqps://, got ${url.protocol}//`);
    }
    if (!url.searchParams.has('heartbeat')) {
      url.searchParams.set('heartbeat', String(options.heartbeatSeconds ?? 10));
    }
    const model = await amqp.connect(url.toString(), {
      clientProperties: { connection_name: options.connectionName },
      recovery: {
        initialDelay: options.initialDelayMs ?? 100,
        maxDelay: options.maxDelayMs ?? 5_000,
        factor: 2,
        jitter: 0.2,
        maxRetries: Infinity,
        initialMaxRetries: options.initialMaxRetries ?? 10,
        waitForConnect: false,
      },
    });
    const connection = new BrokerConnection(model, options.connectionName);
    model.on('connect', () => {
      connection.isConnected = true;
      log.info({ connectionName: options.connectionName }, 'broker connected');
      connection.emit('connected');
    });
    model.on('disconnect', (error: Error) => {
      connection.isConnected = false;
      log.warn(
        { connectionName: options.connectionName, ...errorFields(error) },
        'broker disconnected',
      );
      connection.emit('disconnected', error);
    });
    model.on('reconnect-scheduled', ({ attempt, delay }: { attempt: number; delay: number }) => {
      log.info({ attempt, delayMs: delay }, 'broker reconnect scheduled');
    });
    model.on('reconnect-failed', (error: Error) => {
      connection.isConnected = false;
      log.error(errorFields(error), 'broker recovery gave up');
    });
    model.on('error', (error: Error) => log.warn(errorFields(error), 'broker connection error'));
    model.on('blocked', (reason: string) => log.warn({ reason }, 'broker blocked publishing'));
    try {
      await model.waitForConnect();
    } catch (error) {
      throw new BrokerUnavailableError(
        `cannot connect to RabbitMQ at ${url.host}: ${(error as Error).message}`,
      );
    }
    return connection;
  }

  get connected(): boolean {
    return this.isConnected && !this.closed;
  }

  /** True after `close()`: no reconnect will happen. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** A new confirm channel; waits while the connection is being re-established. */
  async createConfirmChannel(): Promise<ConfirmChannel> {
    if (this.closed) throw new BrokerUnavailableError('broker connection is closed');
    const channel = await this.model.createConfirmChannel();
    // A channel without an 'error' listener would turn a channel-level error into a crash.
    channel.on('error', () => undefined);
    return channel;
  }

  /** Closes the connection for good (no reconnect). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.model.close();
    this.emit('closed');
  }
}
