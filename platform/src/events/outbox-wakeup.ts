/**
 * Wakes the outbox relay when a producer commits (platform/src/events): a dedicated connection
 * LISTENs on `platform_outbox`, which the outbox trigger NOTIFYs at commit. If that connection
 * drops, it reconnects with backoff; the relay's polling covers the gap.
 */
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { type EventLogger, errorFields } from './event-logger';

export const OUTBOX_CHANNEL = 'platform_outbox';

export class OutboxWakeup {
  /** Bumped by every notification; each waiter remembers the value it last saw. */
  private generation = 0;
  private waiters = new Set<() => void>();
  private client: pg.Client | undefined;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string | undefined,
    private readonly log: EventLogger,
  ) {}

  /** Starts listening (no-op without a database URL: polling only). */
  async start(): Promise<void> {
    if (!this.databaseUrl) return;
    try {
      await this.connect();
    } catch (error) {
      this.log.warn(errorFields(error), 'outbox LISTEN failed at start; polling until it works');
      void this.reconnect();
    }
  }

  /** The current generation, to pass to `wait` after finishing a batch. */
  get seen(): number {
    return this.generation;
  }

  /** Marks work pending and wakes every waiting relay loop. */
  notify(): void {
    this.generation++;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  /**
   * Resolves at once if a notification arrived since generation `seen` (so one that came during
   * the last batch is not lost), else on the next notification or after `ms`.
   */
  async wait(ms: number, seen: number): Promise<void> {
    if (this.generation !== seen || this.stopped) return;
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        resolve();
      }, ms);
      this.waiters.add(wake);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.notify();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: 'outbox-relay-listener',
    });
    client.on('notification', () => this.notify());
    client.on('error', (error) => {
      this.log.warn(
        errorFields(error),
        'outbox LISTEN connection failed; polling until it is back',
      );
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      void this.reconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
    // Rows committed while we were not listening are found by the first batch.
    this.notify();
  }

  private async reconnect(): Promise<void> {
    for (let wait = 200; !this.stopped; wait = Math.min(wait * 2, 5_000)) {
      await delay(wait);
      if (this.stopped) return;
      try {
        await this.connect();
        return;
      } catch (error) {
        this.log.warn(errorFields(error), 'outbox LISTEN reconnect failed');
      }
    }
  }
}
