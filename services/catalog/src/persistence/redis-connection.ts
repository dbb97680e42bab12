/**
 * The catalog's Redis connection (services/catalog/src/persistence): commands fail fast instead
 * of queueing while Redis is away (a cache read then falls back to PostgreSQL), the client keeps
 * reconnecting in the background, and the service hears when a lost connection comes back,
 * because evictions may have been missed meanwhile.
 */
import type { Logger } from '@bazaar/platform/telemetry/index';
import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  url: string;
  /** A command slower than this fails (and the caller falls back to the database). */
  commandTimeoutMs: number;
  /** Name shown by CLIENT LIST. */
  connectionName: string;
  log: Logger;
  /** Called each time the connection is ready again after having been lost. */
  onReconnected: () => void;
}

/** Reconnect delays: 100 ms doubling to at most 2 s, forever (the service runs without Redis). */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(100 * 2 ** Math.max(0, attempt - 1), 2_000);
}

export function openRedisConnection(options: RedisConnectionOptions): Redis {
  const { log } = options;
  const redis = new Redis(options.url, {
    connectionName: options.connectionName,
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: Math.max(options.commandTimeoutMs, 1_000),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: reconnectDelayMs,
  });
  let wasReady = false;
  let lost = false;
  redis.on('ready', () => {
    if (lost) {
      log.info('redis connection is back');
      lost = false;
      options.onReconnected();
    }
    wasReady = true;
  });
  redis.on('close', () => {
    if (wasReady && !lost) log.warn('redis connection lost; product reads fall back to PostgreSQL');
    if (wasReady) lost = true;
  });
  // ioredis reports every failed reconnect as an 'error' event; 'close' already logged the outage.
  redis.on('error', (err: Error) => log.debug({ err }, 'redis connection error'));
  return redis;
}

/** Closes politely when connected, at once otherwise. */
export async function closeRedisConnection(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await redis.quit().catch(() => redis.disconnect());
  } else {
    redis.disconnect();
  }
}
