/**
 * Background worker of the identity service (services/identity/src): every
 * IDENTITY_REFRESH_TOKEN_PRUNE_INTERVAL_SECONDS it deletes the refresh-token families that have
 * fully expired. Started after HTTP, stopped before it; a failed run is logged and retried next time.
 */
import type { BackgroundWorker } from '@bazaar/platform/service/index';
import type { Logger } from '@bazaar/platform/telemetry/index';
import type { IdentityContext } from './use-cases/identity-context';
import { pruneRefreshTokens } from './use-cases/prune-refresh-tokens';

export function refreshTokenPruningWorker(
  ctx: Pick<IdentityContext, 'pool' | 'now'>,
  intervalSeconds: number,
  log: Logger,
): BackgroundWorker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const runOnce = async () => {
    try {
      const removed = await pruneRefreshTokens(ctx);
      if (removed > 0) log.info({ removed }, 'expired refresh-token families removed');
    } catch (err) {
      log.warn({ err }, 'pruning expired refresh tokens failed; will retry');
    }
  };

  return {
    name: 'refresh-token pruning',
    async start() {
      timer = setInterval(() => {
        // One run at a time: a slow run is not overlapped by the next tick.
        running ??= runOnce().finally(() => (running = undefined));
      }, intervalSeconds * 1000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
