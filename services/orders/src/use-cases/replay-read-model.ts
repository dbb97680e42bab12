/**
 * Rebuilds the orders_by_customer read model from the event store (seed 003 §17): every order's
 * history is turned into the public events it published (public-order-events.ts) and fed to the
 * same projection the RabbitMQ consumer runs, into a fresh table; then that table is compared
 * with the live one (row count and an MD5 over every row). `swap` replaces the live table with a
 * rebuild made while the live table is locked, so no event is lost in between.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { withTransaction } from '@bazaar/platform/db/index';
import { evolve } from '../domain/order';
import { projectOrderEvent } from '../event-handlers/orders-by-customer.projection';
import { allOrderHistories } from '../persistence/order-event-store';
import {
  createTableLikeLive,
  differingOrders,
  dropTable,
  LIVE_TABLE,
  tableDigest,
  tableIdentifier,
} from '../persistence/orders-by-customer.view';
import type { Queryable } from '../persistence/queryable';
import { publicEventsOfHistory } from './public-order-events';

export interface TableDigest {
  rows: number;
  checksum: string;
}

export interface ReplayReport {
  /** The rebuilt table (dropped again unless kept or swapped in). */
  table: string;
  orders: number;
  events: number;
  replayed: TableDigest;
  live: TableDigest;
  parity: boolean;
  /** Up to 20 orders whose rows differ (or exist on one side only). */
  differing: string[];
  /** With `swap`: the name the previous live table was given. */
  retiredTable?: string;
}

export interface ReplayOptions {
  /** Keep comparing for up to this long while the live table catches up with recent events, ms. */
  settleMs?: number;
  /** Keep the rebuilt table instead of dropping it. */
  keep?: boolean;
  /** Make the rebuilt table the live read model (the old one is kept, renamed). */
  swap?: boolean;
  now?: () => Date;
}

function stamp(now: Date): string {
  return `${now
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 14)}_${randomBytes(3).toString('hex')}`;
}

/** Projects every order's history into `table`; returns how many orders and public events. */
async function rebuildInto(
  db: Queryable,
  table: string,
): Promise<{ orders: number; events: number }> {
  let orders = 0;
  let events = 0;
  for await (const [orderId, history] of allOrderHistories(db)) {
    orders++;
    for (const event of publicEventsOfHistory(orderId, history, evolve)) {
      events++;
      await projectOrderEvent(db, table, {
        eventType: event.type,
        payload: event.payload,
        occurredAt: event.occurredAt,
      } as never);
    }
  }
  return { orders, events };
}

async function compare(
  db: Queryable,
  table: string,
  settleMs: number,
): Promise<{ live: TableDigest; replayed: TableDigest; parity: boolean }> {
  const replayed = await tableDigest(db, table);
  let live = await tableDigest(db, LIVE_TABLE);
  // The consumer may still be applying the latest events: give it a moment to catch up.
  const until = Date.now() + settleMs;
  while (live.checksum !== replayed.checksum && Date.now() < until) {
    await sleep(Math.min(250, settleMs));
    live = await tableDigest(db, LIVE_TABLE);
  }
  return {
    live,
    replayed,
    parity: live.rows === replayed.rows && live.checksum === replayed.checksum,
  };
}

export async function replayReadModel(
  pool: pg.Pool,
  options: ReplayOptions = {},
): Promise<ReplayReport> {
  const now = (options.now ?? (() => new Date()))();
  const table = `${LIVE_TABLE}_replay_${stamp(now)}`;
  await createTableLikeLive(pool, table);
  try {
    const counts = await rebuildInto(pool, table);
    const { live, replayed, parity } = await compare(pool, table, options.settleMs ?? 0);
    const differing = parity ? [] : await differingOrders(pool, LIVE_TABLE, table);
    const report: ReplayReport = { table, ...counts, live, replayed, parity, differing };
    if (options.swap) report.retiredTable = await swapIn(pool, table, now);
    else if (!options.keep) await dropTable(pool, table);
    return report;
  } catch (error) {
    await dropTable(pool, table).catch(() => undefined);
    throw error;
  }
}

/**
 * Under an exclusive lock on the live table (the projection's writes and listMyOrders wait),
 * rebuilds `table` from scratch, so it holds every event committed so far, then renames: the live
 * table becomes orders_by_customer_retired_<stamp>, `table` becomes orders_by_customer. Events
 * the consumer applies afterwards land in the new table; those already in it change nothing.
 */
async function swapIn(pool: pg.Pool, table: string, now: Date): Promise<string> {
  const retired = `${LIVE_TABLE}_retired_${stamp(now)}`;
  await withTransaction(pool, async (tx) => {
    await tx.query(`LOCK TABLE ${tableIdentifier(LIVE_TABLE)} IN ACCESS EXCLUSIVE MODE`);
    await tx.query(`TRUNCATE ${tableIdentifier(table)}`);
    await rebuildInto(tx, table);
    await tx.query(
      `ALTER TABLE ${tableIdentifier(LIVE_TABLE)} RENAME TO ${tableIdentifier(retired)}`,
    );
    await tx.query(
      `ALTER TABLE ${tableIdentifier(table)} RENAME TO ${tableIdentifier(LIVE_TABLE)}`,
    );
  });
  return retired;
}
