/**
 * A producer → outbox → relay → RabbitMQ → consumer pipeline on a suite's own database and
 * broker names, for the relay suites. Producers number each partition's events 1, 2, 3… under a
 * row lock, so that number is the partition's commit order; the consumer records every effect in
 * handling order, so tests can count effects exactly and check order per partition.
 */
import { setTimeout as delay } from 'node:timers/promises';
import {
  appendToOutbox,
  createEventConsumer,
  EventPublisher,
  OutboxRelay,
  type BrokerConnection,
  type EventConsumer,
  type EventHandlerContext,
  type OutboxPublisher,
  type OutgoingEvent,
  type OutboxRelayOptions,
} from '../../../src/events';
import { withTransaction } from '../../../src/db';
import {
  createTestBroker,
  createTestDatabase,
  type TestBroker,
  type TestDatabase,
} from '../../../src/testing';
import {
  createEffectsTable,
  testRegistry,
  WIDGET_CHANGED,
  widgetChanged,
  type WidgetChangedEvent,
} from './test-events';

export interface RunningRelay {
  relay: OutboxRelay;
  /** Events this relay marked published, failed publishes, and whole-batch errors. */
  stats: { published: number; failed: number; errors: unknown[] };
  publisher: EventPublisher;
  connection: BrokerConnection;
  stop(): Promise<void>;
}

export interface Arrival {
  widget_id: string;
  seq: number;
}

export interface Effect {
  n: number;
  event_id: string;
  widget_id: string;
  seq: number;
}

export class RelayHarness {
  /** Each event's first arrival at a consumer of this harness, in arrival order. */
  readonly arrivals: Arrival[] = [];
  /** Each event's first confirm by the broker, in confirm order (what the relays published). */
  readonly accepted: Arrival[] = [];
  private readonly seen = new Set<string>();
  private readonly confirmed = new Set<string>();

  private constructor(
    readonly db: TestDatabase,
    readonly broker: TestBroker,
  ) {}

  static async create(suite: string): Promise<RelayHarness> {
    const db = await createTestDatabase(suite);
    await createEffectsTable(db.pool);
    await db.pool.query('CREATE TABLE counters (k text PRIMARY KEY, n integer NOT NULL)');
    return new RelayHarness(db, createTestBroker(suite));
  }

  async startConsumer(role = 'consumer', prefetch = 32): Promise<EventConsumer> {
    const consumer = createEventConsumer({
      connection: await this.broker.connect(role),
      service: 'relay-effects',
      exchange: this.broker.exchange,
      queuePrefix: this.broker.queuePrefix,
      receives: [WIDGET_CHANGED],
      handlers: {
        [WIDGET_CHANGED]: async (event: WidgetChangedEvent, ctx: EventHandlerContext) => {
          await ctx.db.query('INSERT INTO effects (event_id, widget_id, seq) VALUES ($1, $2, $3)', [
            event.eventId,
            event.payload.widgetId,
            event.payload.seq,
          ]);
        },
      },
      // Records the order in which events first reach the consumer (the broker's, hence the
      // relay's, order), before any handler runs or fails and is retried.
      registry: {
        types: testRegistry.types,
        validate: (value) => {
          const result = testRegistry.validate(value);
          if (result.ok && !this.seen.has(result.event.eventId)) {
            this.seen.add(result.event.eventId);
            const payload = result.event.payload as { widgetId: string; seq: number };
            this.arrivals.push({ widget_id: payload.widgetId, seq: payload.seq });
          }
          return result;
        },
      },
      pool: this.db.pool,
      prefetch,
      retry: { maxAttempts: 3, delaysMs: [50] },
    });
    await consumer.start();
    return consumer;
  }

  async startRelay(
    role: string,
    options: Partial<OutboxRelayOptions> & {
      wrapPublish?: (publisher: EventPublisher) => OutboxPublisher;
    } = {},
  ): Promise<RunningRelay> {
    const connection = await this.broker.connect(role);
    const publisher = await EventPublisher.create({
      connection,
      exchange: this.broker.exchange,
      channelWaitMs: 2_000,
    });
    const stats = { published: 0, failed: 0, errors: [] as unknown[] };
    const relay = new OutboxRelay({
      pool: this.db.pool,
      publisher: this.recordAccepted(options.wrapPublish?.(publisher) ?? publisher),
      batchSize: 50,
      pollIntervalMs: 200,
      errorDelayMs: 50,
      maxErrorDelayMs: 500,
      metrics: {
        onBatch: (result) => {
          stats.published += result.published;
          stats.failed += result.failed;
        },
        onError: (error) => stats.errors.push(error),
      },
      ...options,
    });
    await relay.start();
    return {
      relay,
      stats,
      publisher,
      connection,
      async stop() {
        await relay.stop();
        await publisher.close();
      },
    };
  }

  /** Wraps a publisher so that every event's first confirm is appended to `accepted`. */
  private recordAccepted(inner: OutboxPublisher): OutboxPublisher {
    return {
      send: (messages) => {
        const sent = inner.send(messages);
        void sent.settled.then((results) =>
          results.forEach((result, i) => {
            const event = JSON.parse((messages[i] as OutgoingEvent).content.toString());
            if (result.status !== 'fulfilled' || this.confirmed.has(event.eventId)) return;
            this.confirmed.add(event.eventId);
            this.accepted.push({ widget_id: event.payload.widgetId, seq: event.payload.seq });
          }),
        );
        return sent;
      },
    };
  }

  /**
   * Commits `count` events spread over `partitions` widgets, `perTransaction` per transaction,
   * with up to `workers` transactions in flight and a random pause inside each (so commits of
   * different transactions interleave).
   */
  async commitEvents(
    count: number,
    { partitions = 10, perTransaction = 5, workers = 4, maxPauseMs = 0 } = {},
  ): Promise<number> {
    let next = 0;
    const work = async () => {
      while (next < count) {
        const size = Math.min(perTransaction, count - next);
        next += size;
        await withTransaction(this.db.pool, async (tx) => {
          const events = [];
          // Counter rows are locked in sorted order, so concurrent producers cannot deadlock.
          const widgets = Array.from(
            { length: size },
            () => `w-${Math.floor(Math.random() * partitions)}`,
          ).sort();
          for (const widgetId of widgets) {
            const counter = await tx.query<{ n: number }>(
              `INSERT INTO counters (k, n) VALUES ($1, 1)
               ON CONFLICT (k) DO UPDATE SET n = counters.n + 1 RETURNING n`,
              [widgetId],
            );
            events.push(widgetChanged(widgetId, counter.rows[0]?.n as number));
          }
          await appendToOutbox(tx, events, { registry: testRegistry });
          if (maxPauseMs > 0) await delay(Math.random() * maxPauseMs);
        });
      }
    };
    await Promise.all(Array.from({ length: workers }, work));
    return count;
  }

  async effects(): Promise<Effect[]> {
    return (
      await this.db.pool.query<Effect>(
        'SELECT n::int, event_id, widget_id, seq FROM effects ORDER BY n',
      )
    ).rows;
  }

  async effectCount(): Promise<number> {
    return Number((await this.db.pool.query('SELECT count(*) AS n FROM effects')).rows[0].n);
  }

  async pendingInOutbox(): Promise<number> {
    return Number(
      (
        await this.db.pool.query(
          'SELECT count(*) AS n FROM platform.outbox WHERE published_at IS NULL',
        )
      ).rows[0].n,
    );
  }

  async cleanup(): Promise<void> {
    await this.broker.cleanup();
    await this.db.drop();
  }
}

/**
 * Per partition, the sequence numbers in the given order (arrivals, or effects in handling order)
 * must be exactly 1, 2, 3…; returns a description of every partition where they are not.
 */
export function orderViolations(effects: readonly Arrival[]): string[] {
  const byPartition = new Map<string, number[]>();
  for (const e of effects)
    byPartition.set(e.widget_id, [...(byPartition.get(e.widget_id) ?? []), e.seq]);
  const problems: string[] = [];
  for (const [widget, seqs] of byPartition) {
    const expected = seqs.map((_, i) => i + 1);
    if (seqs.join() !== expected.join()) problems.push(`${widget}: ${seqs.join(',')}`);
  }
  return problems;
}
