/**
 * Deadlines and timeouts for outbound calls (platform/src/resilience): a Deadline is an absolute
 * instant that travels with a request so every downstream call (gRPC deadline, HTTP client
 * timeout, retry loop) gets only the time that is left.
 */

/** Raised when a deadline passes or a timeout elapses before the work finished. */
export class DeadlineExceededError extends Error {
  constructor(message = 'deadline exceeded', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeadlineExceededError';
  }
}

export type Clock = () => number;

export class Deadline {
  private constructor(
    /** Absolute instant, ms since the epoch. */
    readonly atEpochMs: number,
    private readonly clock: Clock,
  ) {}

  /** A deadline `ms` from now. */
  static after(ms: number, clock: Clock = Date.now): Deadline {
    return new Deadline(clock() + ms, clock);
  }

  /** A deadline at an absolute instant (ms since the epoch). */
  static at(epochMs: number, clock: Clock = Date.now): Deadline {
    return new Deadline(epochMs, clock);
  }

  /** Milliseconds left, never negative. */
  remainingMs(): number {
    return Math.max(0, this.atEpochMs - this.clock());
  }

  get expired(): boolean {
    return this.remainingMs() === 0;
  }

  /** The earlier of this deadline and `ms` from now: a budget for one sub-call. */
  within(ms: number): Deadline {
    return new Deadline(Math.min(this.atEpochMs, this.clock() + ms), this.clock);
  }

  /** @throws DeadlineExceededError when no time is left. */
  throwIfExpired(what = 'operation'): void {
    if (this.expired) throw new DeadlineExceededError(`${what}: deadline exceeded`);
  }

  /** For `@grpc/grpc-js` call options `{ deadline }`, which take a Date. */
  toGrpcDeadline(): Date {
    return new Date(this.atEpochMs);
  }

  /**
   * An AbortSignal that aborts with DeadlineExceededError when the deadline passes (or at once if
   * it already has), for fetch/undici/openapi-fetch `signal` options. The timer is unref'd so a
   * pending deadline never keeps the process alive.
   */
  signal(): AbortSignal {
    const controller = new AbortController();
    const remaining = this.remainingMs();
    if (remaining === 0) {
      controller.abort(new DeadlineExceededError());
      return controller.signal;
    }
    const timer = setTimeout(() => controller.abort(new DeadlineExceededError()), remaining);
    timer.unref?.();
    return controller.signal;
  }
}

export interface TimeoutOptions {
  /** Aborts the work early when the caller gives up. */
  signal?: AbortSignal;
  /** Message of the DeadlineExceededError raised on timeout. */
  what?: string;
}

/**
 * Runs `work` with a signal that aborts after `ms`; rejects with DeadlineExceededError at that
 * moment even if `work` ignores its signal, and clears its timer when `work` settles first.
 */
export function withTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  ms: number,
  options: TimeoutOptions = {},
): Promise<T> {
  const controller = new AbortController();
  const what = options.what ?? 'operation';
  return new Promise<T>((resolve, reject) => {
    const fail = (reason: unknown) => {
      cleanup();
      controller.abort(reason);
      reject(reason);
    };
    const onCallerAbort = () => fail(options.signal?.reason);
    const timer = setTimeout(
      () => fail(new DeadlineExceededError(`${what} timed out after ${ms} ms`)),
      ms,
    );
    const cleanup = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
    };
    if (options.signal?.aborted) {
      fail(options.signal.reason);
      return;
    }
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    work(controller.signal).then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (err: unknown) => {
        cleanup();
        reject(err);
      },
    );
  });
}
