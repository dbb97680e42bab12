/**
 * The `redis` policy with `sync_rate = -1` (kong-gateway.md A4.5): each window key is INCRed while
 * its usage is read — the value before the increment is the usage, so rejected requests count too —
 * and gets the window length as TTL on first increment. Same Lua script and key format as Kong.
 */
import Redis, { type RedisOptions } from 'ioredis';
import type { RedisConfig } from '../schema';

/** kong/plugins/rate-limiting/policies/init.lua: INCR, EXPIRE on first use, return the old value. */
const INCR_SCRIPT = `local cache_key, expiration = KEYS[1], ARGV[1]
local result_incr = redis.call("incr", cache_key)
if result_incr == 1 then
  redis.call("expire", cache_key, expiration)
end
return result_incr - 1`;

type ScriptedRedis = Redis & { kongIncr(key: string, ttl: number): Promise<number> };

const clients = new Map<string, { client: ScriptedRedis; users: number }>();

function optionsFor(conf: RedisConfig): RedisOptions {
  return {
    host: conf.host,
    port: conf.port,
    db: conf.database,
    username: conf.username,
    password: conf.password || undefined,
    connectTimeout: conf.timeout,
    commandTimeout: conf.timeout,
    // Kong opens a connection per request and fails at once when Redis is down; an offline
    // queue would instead hang requests until Redis returns.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    tls: conf.ssl
      ? { rejectUnauthorized: conf.ssl_verify, servername: conf.server_name }
      : undefined,
    lazyConnect: false,
  };
}

/** A client shared by every instance pointing at the same server/database/credentials. */
export function acquireRedis(conf: RedisConfig): {
  client: ScriptedRedis;
  release(): Promise<void>;
} {
  const key = JSON.stringify([
    conf.host,
    conf.port,
    conf.database,
    conf.username,
    conf.password,
    conf.ssl,
    conf.server_name,
  ]);
  let entry = clients.get(key);
  if (!entry) {
    const client = new Redis(optionsFor(conf)) as ScriptedRedis;
    client.defineCommand('kongIncr', { numberOfKeys: 1, lua: INCR_SCRIPT });
    // Errors surface per command (fault_tolerant decides); the connection keeps retrying.
    client.on('error', () => undefined);
    entry = { client, users: 0 };
    clients.set(key, entry);
  }
  entry.users += 1;
  const current = entry;
  let released = false;
  return {
    client: current.client,
    async release() {
      if (released) return;
      released = true;
      current.users -= 1;
      if (current.users === 0) {
        clients.delete(key);
        current.client.disconnect();
      }
    },
  };
}
