/**
 * The expiry sweep, a BackgroundWorker of startService: every interval it releases reservations
 * past their expiry (reason RESERVATION_EXPIRED) in batches; when a batch comes back full it sweeps
 * again at once. Safe with several instances (the use case claims rows with SKIP LOCKED).
 */
import type { BackgroundWorker } from '@bazaar/platform/service/index';
import { runWithLogContext, withSpan, type Logger } from '@bazaar/platform/telemetry/index';
import { randomUUID } from 'node:crypto';
import type { InventoryMetrics } from '../metrics';
import { expireReservations } from '../use-cases/expire-reservations.use-case';
import type { UseCaseDeps } from '../use-cases/use-case-deps';

export interface ReservationExpiryWorkerOptions {
  deps: UseCaseDeps;
  intervalMs: number;
  batchSize: number;
  logger: Logger;
  metrics: InventoryMetrics;
}

export class ReservationExpiryWorker implements BackgroundWorker {
  readonly name = 'reservation expiry';
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly options: ReservationExpiryWorkerOptions) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
  }

  /** One sweep; schedules the next (at once when the batch was full, else after the interval). */
  private async sweep(): Promise<void> {
    const { deps, batchSize, intervalMs, logger, metrics } = this.options;
    let full = false;
    try {
      const released = await runWithLogContext({ correlationId: randomUUID() }, () =>
        withSpan('inventory reservation expiry sweep', () =>
          expireReservations(deps, { limit: batchSize }),
        ),
      );
      metrics.expiredReservations.inc(released.length);
      for (const { orderId, reservationId } of released)
        logger.info({ orderId, reservationId }, 'reservation expired and released');
      full = released.length === batchSize;
    } catch (error) {
      logger.warn({ err: error }, 'reservation expiry sweep failed; retrying at the next interval');
    }
    this.schedule(full ? 0 : intervalMs);
  }
}
