/**
 * Publishing on a confirm channel with one promise per message (platform/src/events): resolved by
 * the broker's ack, rejected by a nack, a `mandatory` return (unroutable), the channel closing, or
 * a timeout. Messages go out in order and respect the socket's back-pressure ('drain').
 */
import { once } from 'node:events';
import type { ConfirmChannel, Options } from 'amqplib';

export interface ChannelMessage {
  exchange: string;
  routingKey: string;
  content: Buffer;
  options: Options.Publish;
}

export class PublishFailedError extends Error {
  override name = 'PublishFailedError';
}

export interface ConfirmedSend {
  /** Resolves once every message has been handed to the channel (in order). */
  written: Promise<void>;
  /** One settled result per message, in order, once each is confirmed, refused or timed out. */
  settled: Promise<PromiseSettledResult<void>[]>;
}

const RETURN_TOKEN = 'x-bazaar-publish-token';
let tokens = 0;

/**
 * Writes `messages` in order and settles each one's promise when its confirm arrives.
 * A message that cannot even be written (channel already closed) and every message after it fail.
 */
export function sendConfirmed(
  channel: ConfirmChannel,
  messages: readonly ChannelMessage[],
  timeoutMs: number,
): ConfirmedSend {
  if (messages.length === 0) return { written: Promise.resolve(), settled: Promise.resolve([]) };
  const returned = new Set<string>();
  const onReturn = (message: { properties: { headers?: Record<string, unknown> } }) => {
    const token = message.properties.headers?.[RETURN_TOKEN];
    if (typeof token === 'string') returned.add(token);
  };
  const anyMandatory = messages.some((m) => m.options.mandatory);
  if (anyMandatory) channel.on('return', onReturn);

  const pending: Promise<void>[] = [];
  // Each promise is marked handled at once: results are read together by allSettled below, and
  // a rejection seen earlier (while waiting for 'drain') must not count as unhandled.
  const track = (promise: Promise<void>) => {
    promise.catch(() => undefined);
    pending.push(promise);
  };
  const publishOne = (message: ChannelMessage): { writable: boolean; error?: Error } => {
    let options = message.options;
    let token: string | undefined;
    if (options.mandatory) {
      token = `${process.pid}-${++tokens}`;
      options = { ...options, headers: { ...options.headers, [RETURN_TOKEN]: token } };
    }
    let outcome: { writable: boolean; error?: Error } = { writable: true };
    track(
      new Promise<void>((resolve, reject) => {
        try {
          const writable = channel.publish(
            message.exchange,
            message.routingKey,
            message.content,
            options,
            (error) => {
              if (error) {
                reject(
                  new PublishFailedError(
                    `broker did not confirm: ${String(error.message ?? error)}`,
                  ),
                );
              } else if (token && returned.has(token)) {
                const target = `${message.exchange || '(default)'}/${message.routingKey}`;
                reject(new PublishFailedError(`unroutable: no queue for ${target}`));
              } else resolve();
            },
          );
          outcome = { writable };
        } catch (error) {
          const broken = error instanceof Error ? error : new Error(String(error));
          outcome = { writable: false, error: broken };
          reject(broken);
        }
      }),
    );
    return outcome;
  };

  const written = (async () => {
    let broken: Error | undefined;
    for (const message of messages) {
      if (broken) {
        track(Promise.reject(broken));
        continue;
      }
      const outcome = publishOne(message);
      broken = outcome.error;
      if (!outcome.writable && !broken) {
        // The socket buffer is full: wait for it to drain, or for the channel to die.
        try {
          await Promise.race([once(channel, 'drain'), once(channel, 'close')]);
        } catch (error) {
          broken = error instanceof Error ? error : new Error(String(error));
        }
      }
    }
  })();

  const settled = (async () => {
    await written;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new PublishFailedError(`no confirm within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.allSettled(pending.map((p) => Promise.race([p, timeout])));
    } finally {
      clearTimeout(timer);
      if (anyMandatory) channel.removeListener('return', onReturn);
    }
  })();
  return { written, settled };
}

/** `sendConfirmed`, resolving with the settled results. */
export function publishConfirmed(
  channel: ConfirmChannel,
  messages: readonly ChannelMessage[],
  timeoutMs: number,
): Promise<PromiseSettledResult<void>[]> {
  return sendConfirmed(channel, messages, timeoutMs).settled;
}
