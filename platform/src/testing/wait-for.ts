/**
 * Polls a condition until it holds or a deadline passes (platform/src/testing), so integration
 * tests wait for asynchronous effects instead of sleeping and hoping.
 */
import { setTimeout as delay } from 'node:timers/promises';

export interface WaitForOptions {
  /** Give up after this many ms. Default 10000. */
  timeoutMs?: number;
  /** Pause between checks, in ms. Default 20. */
  intervalMs?: number;
  /** Named in the timeout error, e.g. "500 rows in effects". */
  description?: string;
}

/**
 * Resolves with the first truthy value `check` returns; rejects after `timeoutMs` with the
 * description and the last value seen (or the last error thrown).
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  options: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 20;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${options.description ?? 'a condition'} (last: ${seen})`,
      );
    }
    await delay(intervalMs);
  }
}

/** Resolves with `check()`'s value once it has stayed equal for `stableMs` (e.g. a final count). */
export async function waitForStable<T>(
  check: () => Promise<T>,
  options: WaitForOptions & { stableMs?: number } = {},
): Promise<T> {
  const stableMs = options.stableMs ?? 300;
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let value = await check();
  let since = Date.now();
  for (;;) {
    await delay(options.intervalMs ?? 20);
    const next = await check();
    if (JSON.stringify(next) !== JSON.stringify(value)) {
      value = next;
      since = Date.now();
    } else if (Date.now() - since >= stableMs) {
      return value;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `${options.description ?? 'value'} did not settle (last: ${JSON.stringify(value)})`,
      );
    }
  }
}
