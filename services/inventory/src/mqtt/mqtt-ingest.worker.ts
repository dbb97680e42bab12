/**
 * MQTT ingest of IoT stock deltas, a BackgroundWorker of startService (architecture §8, seed 003
 * §4): subscribes to `<prefix>/+/delta` with QoS 1 in a persistent MQTT 5 session (fixed client
 * id, clean start off, a session expiry), so the broker keeps the deltas devices send while the
 * service is down and delivers them after it reconnects.
 *
 * Acknowledgement: mqtt.js sends a message's PUBACK only when `handleMessage` calls back, so each
 * delta is acknowledged after its transaction committed (or after it was refused for good). A
 * delta the database could not take is left unacknowledged and the connection is dropped, so the
 * broker redelivers it on the resumed session. Messages are handled one at a time, in order, across
 * reconnects.
 */
import mqtt, { type IConnackPacket, type IPublishPacket, type MqttClient } from 'mqtt';
import { setTimeout as delay } from 'node:timers/promises';
import type { BackgroundWorker } from '@bazaar/platform/service/index';
import type { Logger } from '@bazaar/platform/telemetry/index';
import { forgetReceipts } from '../persistence/mqtt-receipt.repository';
import type { UseCaseDeps } from '../use-cases/use-case-deps';
import type { Disposition } from './iot-delta.message-handler';
import type { IotDeltaMessage } from '../use-cases/ingest-iot-delta.use-case';

export interface MqttIngestWorkerOptions {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  clientId: string;
  topicPrefix: string;
  sessionExpirySeconds: number;
  reconnectPeriodMs: number;
  /** How long start() waits for the first subscription before going on in the background. */
  startTimeoutMs?: number;
  deps: Pick<UseCaseDeps, 'pool'>;
  handle: (message: IotDeltaMessage) => Promise<Disposition>;
  logger: Logger;
}

export class MqttIngestWorker implements BackgroundWorker {
  readonly name = 'mqtt ingest';
  private client: MqttClient | undefined;
  /** Serialises connect set-up and message handling, also across reconnects. */
  private chain: Promise<void> = Promise.resolve();
  /** Bumped on each connection and when one is abandoned: work from an older one is not acked. */
  private epoch = 0;
  private stopping = false;
  private onSubscribed: (() => void) | undefined;

  constructor(private readonly options: MqttIngestWorkerOptions) {}

  get subscription(): string {
    return `${this.options.topicPrefix}/+/delta`;
  }

  async start(): Promise<void> {
    const { url, username, password, clientId, sessionExpirySeconds, reconnectPeriodMs } =
      this.options;
    this.stopping = false;
    const subscribed = new Promise<void>((resolve) => (this.onSubscribed = resolve));
    const client = mqtt.connect(url, {
      protocolVersion: 5,
      clientId,
      clean: false,
      properties: { sessionExpiryInterval: sessionExpirySeconds },
      reconnectPeriod: reconnectPeriodMs,
      resubscribe: false,
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
    });
    client.handleMessage = (packet, callback) => this.enqueue(packet, callback);
    client.on('connect', (connack) => this.onConnect(client, connack));
    client.on('error', (error) => this.options.logger.warn({ err: error }, 'MQTT client error'));
    client.on('offline', () => this.options.logger.warn('MQTT broker unreachable; reconnecting'));
    this.client = client;
    const timeoutMs = this.options.startTimeoutMs ?? 5_000;
    const timeout = new AbortController();
    const ready = await Promise.race([
      subscribed.then(() => true),
      delay(timeoutMs, false, { signal: timeout.signal }).catch(() => false),
    ]);
    timeout.abort();
    if (!ready)
      this.options.logger.warn(
        { url, timeoutMs },
        'MQTT ingest not subscribed yet; it keeps trying in the background',
      );
  }

  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.stopping = true;
    this.client = undefined;
    // Let the delta in hand commit and be acknowledged; later ones stay with the broker.
    await this.chain;
    // A normal DISCONNECT keeps the session (its expiry interval was set at connect).
    await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
  }

  private onConnect(client: MqttClient, connack: IConnackPacket): void {
    const epoch = ++this.epoch;
    const { logger, clientId, deps } = this.options;
    // A new session: nothing of an older one can be redelivered and packet ids start over, so its
    // receipts go (before the subscription, through which the first message could arrive).
    let ready = Promise.resolve();
    if (!connack.sessionPresent) {
      ready = this.chain.then(async () => {
        const forgotten = await forgetReceipts(deps.pool, clientId);
        logger.info({ clientId, forgotten }, 'MQTT session is new');
      });
      this.chain = ready.catch(() => undefined);
    }
    // Not part of the chain: mqtt.js handles incoming packets one at a time, so a SUBACK queued
    // behind a redelivered message would never arrive while the chain waited for it.
    ready
      .then(async () => {
        if (epoch !== this.epoch || this.stopping) return;
        const granted = await client.subscribeAsync(this.subscription, { qos: 1, rh: 2 });
        if (granted.some((grant) => grant.qos !== 1))
          throw new Error(`broker refused the subscription: ${JSON.stringify(granted)}`);
        logger.info(
          { clientId, subscription: this.subscription, sessionPresent: connack.sessionPresent },
          'MQTT ingest subscribed',
        );
        this.onSubscribed?.();
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'MQTT ingest set-up failed; reconnecting');
        if (epoch === this.epoch) this.abandonConnection(client);
      });
  }

  private enqueue(packet: IPublishPacket, callback: (error?: Error) => void): void {
    const epoch = this.epoch;
    const client = this.client;
    this.chain = this.chain.then(async () => {
      // Unacknowledged on purpose: the broker redelivers it on the next (resumed) connection.
      if (this.stopping || epoch !== this.epoch || !client)
        return callback(new Error('not handled on this connection'));
      let disposition: Disposition;
      try {
        disposition = await this.options.handle({
          clientId: this.options.clientId,
          packetId: packet.qos > 0 ? packet.messageId : undefined,
          dup: packet.dup,
          topic: packet.topic,
          payload: Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload),
        });
      } catch (error) {
        this.options.logger.error({ err: error, topic: packet.topic }, 'MQTT delta handler failed');
        disposition = 'redeliver';
      }
      if (disposition === 'ack') return callback();
      callback(new Error('left for redelivery'));
      this.abandonConnection(client);
    });
    // The chain must never stay rejected, or every later message would wait forever.
    this.chain = this.chain.catch((error: unknown) =>
      this.options.logger.error({ err: error }, 'MQTT message chain failed'),
    );
  }

  /** Drops the connection so the broker redelivers what was not acknowledged after reconnecting. */
  private abandonConnection(client: MqttClient): void {
    this.epoch++;
    client.stream?.destroy();
  }
}
