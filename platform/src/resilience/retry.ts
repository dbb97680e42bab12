/**
 * Bounded retries with exponential backoff and full jitter (platform/src/resilience), aware of
 * abort signals and deadlines: used for PSP calls (5 attempts), gRPC ReserveStock (3 attempts)
 * and any other outbound call a service wants to retry (architecture.md §8).
 */
import { fullJitterDelayMs, sleep as defaultSleep } from './backoff';
import { type Deadline, DeadlineExceededError } from './deadline';

export interface RetryAttempt {
  /** 1 for the first call, 2 for the first retry, … */
  attempt: number;
  /** Aborts when the caller's signal aborts or the deadline passes; hand it to the call. */
  signal: AbortSignal;
}

export interface RetryEvent {
  /** The attempt that just failed (1-based). */
  attempt: number;
  error: unknown;
  /** How long the loop sleeps before the next attempt, in ms. */
  delayMs: number;
}

export interface RetryOptions {
  /** Total calls including the first; 1 means no retry. */
  maxAttempts: number;
  /** Upper bound of the first retry's delay, in ms. Default 100. */
  baseDelayMs?: number;
  /** Upper bound of any delay, in ms. Default 10 000. */
  maxDelayMs?: number;
  /** Whether `error` (from attempt `attempt`) is worth another try. Default: every error. */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Stops the loop (and the sleep) when aborted; the signal's reason is thrown. */
  signal?: AbortSignal;
  /** No attempt starts, and no sleep runs, past this instant. */
  deadline?: Deadline;
  /** Called before each sleep: count retries, log them. */
  onRetry?: (event: RetryEvent) => void;
  /** [0, 1) source for the jitter; injectable for tests. */
  random?: () => number;
  /** Sleep implementation; injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function combinedSignal(options: RetryOptions): AbortSignal {
  const signals = [options.signal, options.deadline?.signal()].filter(
    (s): s is AbortSignal => s !== undefined,
  );
  if (signals.length === 0) return new AbortController().signal;
  return signals.length === 1 ? signals[0]! : AbortSignal.any(signals);
}

/**
 * Calls `operation` until it succeeds, `shouldRetry` says no, attempts run out, the signal aborts
 * or the deadline would pass during the next sleep. Throws the last error of the operation
 * (unchanged), the abort reason, or DeadlineExceededError when the deadline had already passed.
 *
 * @example
 * await retry(({ signal }) => psp.charge(request, { signal }), {
 *   maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5000, shouldRetry: isTransient,
 * });
 */
export async function retry<T>(
  operation: (attempt: RetryAttempt) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1) {
    throw new RangeError(`retry: maxAttempts must be an integer >= 1, got ${options.maxAttempts}`);
  }
  const backoff = {
    baseDelayMs: options.baseDelayMs ?? 100,
    maxDelayMs: options.maxDelayMs ?? 10_000,
  };
  const sleep = options.sleep ?? defaultSleep;
  const signal = combinedSignal(options);

  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (options.deadline?.expired)
      throw new DeadlineExceededError(`retry: deadline passed before attempt ${attempt}`);
    try {
      return await operation({ attempt, signal });
    } catch (error) {
      if (attempt >= options.maxAttempts) throw error;
      if (options.signal?.aborted || options.deadline?.expired) throw error;
      if (options.shouldRetry && !options.shouldRetry(error, attempt)) throw error;
      const delayMs = fullJitterDelayMs(attempt - 1, backoff, options.random);
      // Sleeping past the deadline only to fail afterwards wastes the caller's remaining time.
      if (options.deadline && delayMs >= options.deadline.remainingMs()) throw error;
      options.onRetry?.({ attempt, error, delayMs });
      await sleep(delayMs, options.signal);
    }
  }
}
