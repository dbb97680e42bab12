/**
 * Exponential backoff with full jitter for the platform's retry helper (platform/src/resilience):
 * sleep = random(0, min(cap, base · 2^attempt)), as in the AWS Architecture Blog's
 * "Exponential Backoff And Jitter", which spreads synchronized clients best for the least work.
 */

export interface BackoffOptions {
  /** Upper bound of the first retry's delay, in ms. */
  baseDelayMs: number;
  /** No delay ever exceeds this, in ms. */
  maxDelayMs: number;
}

/**
 * Delay before retry number `retry` (0 for the first retry), in ms.
 * @param random returns a number in [0, 1); injectable so tests are deterministic.
 */
export function fullJitterDelayMs(
  retry: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
