/**
 * The outbox relay (platform/src/events; architecture §6): publishes committed outbox events to
 * RabbitMQ with publisher confirms, in commit order per partition key, woken by LISTEN/NOTIFY at
 * each producer commit with a polling fallback. Several instances may run at once (see
 * outbox-batch.ts). Published rows are kept for `retentionMs` (to answer "was it sent, when?"
 * and to re-publish by hand) and then purged in small batches.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import { withClient } from '../db/transaction';
import { type EventLogger, errorFields, silentLogger } from './event-logger';
import { type BatchResult, type OutboxPublisher, relayBatch } from './outbox-batch';
import { OutboxWakeup } from './outbox-wakeup';

export interface OutboxRelayMetrics {
  /** After every batch that published or failed something. */
  onBatch?(result: BatchResult & { durationMs: number }): void;
  /** A batch failed as a whole (database or broker unreachable). */
  onError?(error: unknown): void;
}

export interface OutboxRelayOptions {
  pool: pg.Pool;
  /** Usually the service's EventPublisher. */
  publisher: OutboxPublisher;
  /** URL for the LISTEN connection; default the pool's connectionString; `false` = poll only. */
  listenUrl?: string | false;
  /** Most events per publish batch. Default 500. */
  batchSize?: number;
  /**
   * Batches one transaction publishes (the next read while the previous is confirmed) before it
   * commits and lets go of its partitions. Default 8.
   */
  maxBatchesPerTransaction?: number;
  /**
   * Batches in flight at once, each in its own transaction on its own connection. Default 2: while
   * one waits for broker confirms the other claims and publishes other partitions (the partition
   * locks keep them apart, exactly as between relay instances).
   */
  concurrency?: number;
  /** Check for work at least this often without a notification, ms. Default 1000. */
  pollIntervalMs?: number;
  /** Back-off bounds after a failed batch, ms. Defaults 100 and 5000. */
  errorDelayMs?: number;
  maxErrorDelayMs?: number;
  /** Keep published rows this long, ms. Default 86400000 (24 h). */
  retentionMs?: number;
  /** How often to purge expired published rows, ms. Default 60000. */
  purgeIntervalMs?: number;
  metrics?: OutboxRelayMetrics;
  log?: EventLogger;
}

export class OutboxRelay {
  private readonly wakeup: OutboxWakeup;
  private readonly stopSignal = new AbortController();
  private readonly log: EventLogger;
  private readonly batchSize: number;
  private readonly maxBatches: number;
  private readonly concurrency: number;
  private loops: Promise<void> | undefined;
  private lastPurge = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.log = options.log ?? silentLogger;
    this.batchSize = options.batchSize ?? 500;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new Error(`outbox relay: batchSize must be an integer ≥ 1, got ${this.batchSize}`);
    }
    this.maxBatches = options.maxBatchesPerTransaction ?? 8;
    if (!Number.isInteger(this.maxBatches) || this.maxBatches < 1) {
      throw new Error(
        `outbox relay: maxBatchesPerTransaction must be an integer ≥ 1, got ${this.maxBatches}`,
      );
    }
    this.concurrency = options.concurrency ?? 2;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new Error(`outbox relay: concurrency must be an integer ≥ 1, got ${this.concurrency}`);
    }
    const listenUrl =
      options.listenUrl === false
        ? undefined
        : (options.listenUrl ?? options.pool.options.connectionString);
    this.wakeup = new OutboxWakeup(listenUrl, this.log);
  }

  /** Starts listening and relaying in the background. */
  async start(): Promise<void> {
    if (this.loops) throw new Error('outbox relay already started');
    await this.wakeup.start();
    this.loops = Promise.all(Array.from({ length: this.concurrency }, () => this.run())).then(
      () => undefined,
    );
  }

  /** Finishes the batch in progress, then stops; nothing committed is lost (it stays pending). */
  async stop(): Promise<void> {
    this.stopSignal.abort();
    await this.wakeup.stop();
    await this.loops;
  }

  /** Publishes one batch now (tools and tests). */
  async runOnce(): Promise<BatchResult> {
    const started = Date.now();
    const result = await withClient(this.options.pool, (client) =>
      relayBatch(client, this.options.publisher, {
        batchSize: this.batchSize,
        maxBatches: this.maxBatches,
      }),
    );
    if (result.published > 0 || result.failed > 0) {
      this.options.metrics?.onBatch?.({ ...result, durationMs: Date.now() - started });
    }
    return result;
  }

  /** Events committed but not yet published (for a gauge or a health check). */
  async pendingCount(): Promise<number> {
    const result = await this.options.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM platform.outbox WHERE published_at IS NULL',
    );
    return Number(result.rows[0]?.n ?? 0);
  }

  /** Deletes published rows older than the retention window; returns how many. */
  async purgePublished(limit = 1_000): Promise<number> {
    const retentionMs = this.options.retentionMs ?? 86_400_000;
    const result = await this.options.pool.query(
      `DELETE FROM platform.outbox WHERE position IN (
         SELECT position FROM platform.outbox
          WHERE published_at IS NOT NULL
            AND published_at < now() - make_interval(secs => $1::double precision / 1000)
          LIMIT $2)`,
      [retentionMs, limit],
    );
    return result.rowCount ?? 0;
  }

  private get stopping(): boolean {
    return this.stopSignal.signal.aborted;
  }

  private async run(): Promise<void> {
    const baseDelay = this.options.errorDelayMs ?? 100;
    const maxDelay = this.options.maxErrorDelayMs ?? 5_000;
    let failures = 0;
    while (!this.stopping) {
      const seen = this.wakeup.seen;
      let result: BatchResult;
      try {
        await this.purgeIfDue();
        result = await this.runOnce();
      } catch (error) {
        failures++;
        this.log.error(errorFields(error), 'outbox relay batch failed; retrying');
        this.options.metrics?.onError?.(error);
        await this.pause(Math.min(maxDelay, baseDelay * 2 ** (failures - 1)));
        continue;
      }
      if (result.failed > 0) {
        // The broker is refusing or unreachable: back off instead of spinning on the same rows.
        failures++;
        this.log.warn(
          { failed: result.failed, ...errorFields(result.firstError) },
          'outbox events not confirmed; will retry',
        );
        await this.pause(Math.min(maxDelay, baseDelay * 2 ** (failures - 1)));
        continue;
      }
      failures = 0;
      if (result.published > 0) continue;
      await this.wakeup.wait(this.options.pollIntervalMs ?? 1_000, seen);
    }
  }

  private async purgeIfDue(): Promise<void> {
    const interval = this.options.purgeIntervalMs ?? 60_000;
    if (Date.now() - this.lastPurge < interval) return;
    this.lastPurge = Date.now();
    await this.purgePublished();
  }

  private async pause(ms: number): Promise<void> {
    await delay(ms, undefined, { signal: this.stopSignal.signal }).catch(() => undefined);
  }
}
