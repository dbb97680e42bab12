/**
 * The saga worker (a BackgroundWorker of startService): every poll interval it claims the sagas
 * that are due (FOR UPDATE SKIP LOCKED plus a lease, so several instances share the work without
 * running a step twice) and advances each. It is what resumes a saga after a crash, expires unpaid
 * orders at their deadline and finishes compensations an outage interrupted.
 */
import type { BackgroundWorker } from '@bazaar/platform/service/index';
import { claimDueSagas } from '../persistence/saga-store';
import { advanceSaga } from '../use-cases/advance-saga';
import type { UseCaseDeps } from '../use-cases/use-case-deps';

export interface SagaWorkerOptions {
  deps: UseCaseDeps;
  pollIntervalMs: number;
  batchSize: number;
  /** How long a claimed saga is this worker's before another may take it, ms. */
  claimLeaseMs: number;
}

export class SagaWorker implements BackgroundWorker {
  readonly name = 'saga worker';
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: SagaWorkerOptions) {}

  async start(): Promise<void> {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** One look: claims and advances due sagas; returns how many it claimed. */
  async tick(): Promise<number> {
    const { deps, batchSize, claimLeaseMs } = this.options;
    const claimed = await claimDueSagas(deps.pool, deps.clock(), batchSize, claimLeaseMs);
    // Each saga is its own order: they advance side by side (a slow charge holds up no expiry).
    await Promise.all(
      claimed.map((saga) =>
        advanceSaga(deps, saga).catch((error: unknown) =>
          deps.logger.error({ orderId: saga.orderId, err: error }, 'saga could not be advanced'),
        ),
      ),
    );
    return claimed.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.tick();
      } catch (error) {
        this.options.deps.logger.error({ err: error }, 'saga worker look failed');
      }
      if (claimed >= this.options.batchSize) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
