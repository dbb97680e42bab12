/**
 * Finds queue bindings the contract no longer names (platform/src/events). AMQP 0-9-1 cannot list
 * bindings, so each service records what it bound in `platform.broker_bindings`; a key recorded
 * earlier but absent from today's `receive` list is stale.
 *
 * Stale bindings are reported, and unbound only when asked (`prune`): unbinding is safe once every
 * instance runs the new contract (events of that type then stop reaching the queue, which is what
 * the contract says), but during a rolling deploy older instances still handle that type, and a
 * `receive` removed by mistake would silently drop events. So the default is to report.
 */
import type { Channel } from 'amqplib';
import type pg from 'pg';
import { type EventLogger, silentLogger } from './event-logger';

export interface BindingStore {
  /** Routing keys recorded as bound from `exchange` to `queue`. */
  load(queue: string, exchange: string): Promise<string[]>;
  /** Records `keys` as bound (adds; does not forget others). */
  record(queue: string, exchange: string, keys: readonly string[]): Promise<void>;
  /** Forgets `keys` (after they were unbound). */
  forget(queue: string, exchange: string, keys: readonly string[]): Promise<void>;
}

/** The store in the service's own database (platform migration 0004). */
export function postgresBindingStore(pool: pg.Pool): BindingStore {
  return {
    async load(queue, exchange) {
      const result = await pool.query<{ routing_key: string }>(
        'SELECT routing_key FROM platform.broker_bindings WHERE queue = $1 AND exchange = $2 ORDER BY routing_key',
        [queue, exchange],
      );
      return result.rows.map((r) => r.routing_key);
    },
    async record(queue, exchange, keys) {
      await pool.query(
        `INSERT INTO platform.broker_bindings (queue, exchange, routing_key)
         SELECT $1, $2, k FROM unnest($3::text[]) AS k
         ON CONFLICT (queue, exchange, routing_key) DO UPDATE SET declared_at = now()`,
        [queue, exchange, keys],
      );
    },
    async forget(queue, exchange, keys) {
      await pool.query(
        'DELETE FROM platform.broker_bindings WHERE queue = $1 AND exchange = $2 AND routing_key = ANY($3::text[])',
        [queue, exchange, keys],
      );
    },
  };
}

export interface BindingReport {
  /** Keys bound now (the contract's receive list). */
  bound: string[];
  /** Keys bound earlier that the contract no longer names. */
  stale: string[];
  /** Stale keys this call unbound (empty unless prune). */
  unbound: string[];
}

export interface ReconcileBindingsOptions {
  queue: string;
  exchange: string;
  receives: readonly string[];
  store: BindingStore;
  /** Unbind stale keys. Default false: report only. */
  prune?: boolean;
  log?: EventLogger;
}

/** Compares today's receive keys with the recorded ones; reports (and optionally unbinds) the rest. */
export async function reconcileBindings(
  channel: Channel,
  options: ReconcileBindingsOptions,
): Promise<BindingReport> {
  const log = options.log ?? silentLogger;
  const { queue, exchange, store } = options;
  const current = new Set(options.receives);
  const stale = (await store.load(queue, exchange)).filter((k) => !current.has(k));
  await store.record(queue, exchange, [...current]);
  const unbound: string[] = [];
  if (stale.length > 0 && options.prune) {
    for (const key of stale) {
      await channel.unbindQueue(queue, exchange, key);
      unbound.push(key);
    }
    await store.forget(queue, exchange, unbound);
    log.warn({ queue, exchange, unbound }, 'unbound routing keys the contract no longer receives');
  } else if (stale.length > 0) {
    log.warn(
      { queue, exchange, stale },
      'queue is still bound to routing keys the contract no longer receives (pass prune to unbind)',
    );
  }
  return { bound: [...current], stale, unbound };
}
