/**
 * The consumer's retry schedule (platform/src/events): how many times a handler may run for one
 * message and how long to wait before each retry. Validated once, when the consumer is created.
 */

export interface RetrySettings {
  /** Handler runs per message, the first included; after the last failure it is dead-lettered. */
  maxAttempts: number;
  /** Delay before retry 1, 2, …; one entry per retry (length maxAttempts − 1), in ms. */
  delaysMs: readonly number[];
}

/** 5 attempts: retries after 1 s, 5 s, 30 s and 2 min. */
export const DEFAULT_RETRY: RetrySettings = Object.freeze({
  maxAttempts: 5,
  delaysMs: Object.freeze([1_000, 5_000, 30_000, 120_000]),
});

/**
 * Completes and checks retry settings. With fewer delays than retries the last delay repeats
 * (`{ maxAttempts: 10, delaysMs: [1000, 60000] }` retries after 1 s, then every minute); more
 * delays than retries is refused, since some would never be used.
 */
export function resolveRetrySettings(input: Partial<RetrySettings> = {}): RetrySettings {
  const maxAttempts = input.maxAttempts ?? DEFAULT_RETRY.maxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new Error(`retry.maxAttempts must be an integer ≥ 1, got ${String(maxAttempts)}`);
  }
  const given = input.delaysMs ?? DEFAULT_RETRY.delaysMs;
  for (const [i, d] of given.entries()) {
    if (!Number.isInteger(d) || d < 1) {
      throw new Error(`retry.delaysMs[${i}] must be a whole number of ms ≥ 1, got ${String(d)}`);
    }
  }
  const retries = maxAttempts - 1;
  if (given.length > retries) {
    throw new Error(
      `retry.delaysMs has ${given.length} delays but maxAttempts ${maxAttempts} allows only ${retries} retries`,
    );
  }
  if (retries > 0 && given.length === 0) {
    throw new Error('retry.delaysMs must name at least one delay when maxAttempts > 1');
  }
  const last = given[given.length - 1] ?? 0;
  const delaysMs = Array.from({ length: retries }, (_, i) => given[i] ?? last);
  return Object.freeze({ maxAttempts, delaysMs: Object.freeze(delaysMs) });
}
