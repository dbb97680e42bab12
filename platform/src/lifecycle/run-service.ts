/**
 * The body of every service's `main.ts` (platform/src/lifecycle): start the service, trap
 * SIGTERM/SIGINT, shut down gracefully on the first signal and exit 0 (1 if the shutdown was not
 * clean), exit at once on a second signal, and exit 1 if starting fails.
 */
import { type Logger } from '../telemetry/logger';
import { ServiceLifecycle, type ServiceLifecycleOptions } from './service-lifecycle';

/** The part of `process` used here; tests pass a fake. */
export interface ProcessLike {
  on(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
}

export interface RunServiceOptions extends ServiceLifecycleOptions {
  logger: Logger;
  /** Connects, builds the app, calls `lifecycle.listen(...)` and registers stoppers. */
  start: (lifecycle: ServiceLifecycle) => Promise<void>;
  /** Default ['SIGTERM', 'SIGINT']. */
  signals?: readonly NodeJS.Signals[];
  /** Default the real `process`. */
  process?: ProcessLike;
}

/** Exit code when a second signal interrupts a shutdown (128 + SIGINT, as shells report it). */
export const FORCED_EXIT_CODE = 130;

/**
 * @example
 * // services/orders/src/main.ts
 * const config = loadConfigFromProcessEnv(ordersConfig);
 * const logger = createLogger({ service: 'orders', level: config.logLevel });
 * await runService({ logger, drainTimeoutMs: config.shutdownDrainTimeoutMs, readiness, start: async (lifecycle) => {
 *   const pool = await connect(config.databaseUrl); lifecycle.addStopper('pg pool', () => pool.end());
 *   await lifecycle.listen(buildApp({ pool }).app, { port: config.httpPort, host: config.httpHost });
 * }});
 */
export async function runService(options: RunServiceOptions): Promise<ServiceLifecycle> {
  const proc = options.process ?? process;
  const { logger } = options;
  const lifecycle = new ServiceLifecycle(options);

  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      logger.warn({ signal }, 'second signal during shutdown; exiting now');
      proc.exit(FORCED_EXIT_CODE);
      return;
    }
    signalled = true;
    void lifecycle.shutdown(signal).then(
      (result) => proc.exit(result.clean ? 0 : 1),
      (err: unknown) => {
        logger.fatal({ err }, 'shutdown failed');
        proc.exit(1);
      },
    );
  };
  // Trapped before start, so a SIGTERM during a slow start still stops what has started.
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) proc.on(signal, onSignal);

  try {
    await options.start(lifecycle);
    logger.info('service started');
  } catch (err) {
    logger.fatal({ err }, 'service failed to start');
    await lifecycle.shutdown('start failed');
    proc.exit(1);
  }
  return lifecycle;
}
