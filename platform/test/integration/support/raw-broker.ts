/** Direct amqplib access for tests: publish arbitrary bytes, drain a queue, count messages. */
import amqp, { type Channel, type ChannelModel, type GetMessage, type Options } from 'amqplib';

export interface RawBroker {
  channel: Channel;
  publish(
    exchange: string,
    routingKey: string,
    body: string | Buffer,
    options?: Options.Publish,
  ): Promise<void>;
  /** Takes every message currently in `queue` (acknowledging them). */
  drain(queue: string): Promise<GetMessage[]>;
  messageCount(queue: string): Promise<number>;
  /** The queue's consumer count, or undefined when it does not exist (checked on a throwaway channel). */
  consumerCount(queue: string): Promise<number | undefined>;
  close(): Promise<void>;
}

export async function openRawBroker(url: string): Promise<RawBroker> {
  const connection: ChannelModel = await amqp.connect(url);
  // A test's raw connection must not crash the run when the broker closes it.
  connection.on('error', () => undefined);
  const channel = await connection.createConfirmChannel();
  channel.on('error', () => undefined);
  return {
    channel,
    async publish(exchange, routingKey, body, options = {}) {
      channel.publish(exchange, routingKey, Buffer.isBuffer(body) ? body : Buffer.from(body), {
        persistent: true,
        ...options,
      });
      await channel.waitForConfirms();
    },
    async drain(queue) {
      const messages: GetMessage[] = [];
      for (;;) {
        const message = await channel.get(queue, { noAck: true });
        if (message === false) return messages;
        messages.push(message);
      }
    },
    async messageCount(queue) {
      return (await channel.checkQueue(queue)).messageCount;
    },
    async consumerCount(queue) {
      const probe = await connection.createChannel();
      probe.on('error', () => undefined);
      try {
        return (await probe.checkQueue(queue)).consumerCount;
      } catch {
        return undefined;
      } finally {
        await probe.close().catch(() => undefined);
      }
    },
    async close() {
      await connection.close();
    },
  };
}
