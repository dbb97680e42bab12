/**
 * A circuit breaker around calls to a dependency that can go down (the PSP, another service),
 * built on cockatiel 3: it fails fast while open and tells callers how long until it lets a
 * trial call through, which a handler turns into `503` + `Retry-After` (architecture.md §5).
 */
import {
  CircuitState,
  ConsecutiveBreaker,
  type IBreaker,
  SamplingBreaker,
  circuitBreaker,
  handleAll,
  handleWhen,
  isBrokenCircuitError,
} from 'cockatiel';

export type CircuitBreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

/** Opens after `threshold` failures in a row. */
export interface ConsecutiveBreakerOptions {
  kind: 'consecutive';
  threshold: number;
}

/** Opens when the failure ratio over a sliding window exceeds `threshold` (0–1). */
export interface SamplingBreakerOptions {
  kind: 'sampling';
  threshold: number;
  /** Sliding window, in ms. */
  durationMs: number;
  /**
   * Below this request rate (per second, > 0) the breaker never opens, so 1 failure out of 2
   * calls does not trip it. Default (cockatiel's): enough calls for 5 failures per second.
   */
  minimumRps?: number;
}

export interface CircuitBreakerOptions {
  /** Names the dependency in errors and logs, e.g. "psp". */
  name: string;
  breaker: ConsecutiveBreakerOptions | SamplingBreakerOptions;
  /** How long the circuit stays open before one trial call is let through, in ms. */
  halfOpenAfterMs: number;
  /** Which errors count as failures of the dependency. Default: all (a decline is not: exclude it). */
  isFailure?: (error: Error) => boolean;
}

/** Thrown instead of calling the dependency while the circuit is open or isolated. */
export class CircuitOpenError extends Error {
  constructor(
    readonly circuit: string,
    /** Time until a trial call is allowed, in ms (for Retry-After); 0 when unknown (isolated). */
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(`circuit "${circuit}" is open; retry in ${Math.ceil(retryAfterMs / 1000)} s`, options);
    this.name = 'CircuitOpenError';
  }

  /** Whole seconds for an HTTP Retry-After header (at least 1). */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.retryAfterMs / 1000));
  }
}

export interface CircuitBreaker {
  readonly name: string;
  readonly state: CircuitBreakerState;
  /** ms until a trial call is let through while open; 0 otherwise. */
  retryAfterMs(): number;
  /** Runs `fn` through the breaker; throws CircuitOpenError without calling it while open. */
  execute<T>(fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Holds the circuit open until the returned handle is disposed (maintenance, kill switch). */
  isolate(): { dispose(): void };
  onStateChange(listener: (state: CircuitBreakerState) => void): { dispose(): void };
}

const STATE_NAMES: Record<CircuitState, CircuitBreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

function makeBreaker(options: CircuitBreakerOptions['breaker']): IBreaker {
  if (options.kind === 'consecutive') return new ConsecutiveBreaker(options.threshold);
  if (options.minimumRps !== undefined && !(options.minimumRps > 0)) {
    // cockatiel silently replaces a falsy minimumRps with its default; say so instead.
    throw new RangeError(`circuit breaker minimumRps must be > 0, got ${options.minimumRps}`);
  }
  return new SamplingBreaker({
    threshold: options.threshold,
    duration: options.durationMs,
    ...(options.minimumRps === undefined ? {} : { minimumRps: options.minimumRps }),
  });
}

/** Creates a breaker; its clock is `Date.now` (cockatiel's), so jest fake timers drive it. */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const policy = circuitBreaker(options.isFailure ? handleWhen(options.isFailure) : handleAll, {
    halfOpenAfter: options.halfOpenAfterMs,
    breaker: makeBreaker(options.breaker),
  });
  let openedAt = 0;
  policy.onBreak(() => {
    openedAt = Date.now();
  });

  const retryAfterMs = () =>
    policy.state === CircuitState.Open
      ? Math.max(0, openedAt + options.halfOpenAfterMs - Date.now())
      : 0;

  return {
    name: options.name,
    get state() {
      return STATE_NAMES[policy.state];
    },
    retryAfterMs,
    async execute(fn, signal) {
      try {
        return await policy.execute(({ signal: inner }) => fn(inner), signal);
      } catch (err) {
        // Isolated circuits raise a subclass of BrokenCircuitError, so this covers both.
        if (isBrokenCircuitError(err)) {
          throw new CircuitOpenError(options.name, retryAfterMs(), { cause: err });
        }
        throw err;
      }
    },
    isolate: () => policy.isolate(),
    onStateChange: (listener) => policy.onStateChange((state) => listener(STATE_NAMES[state])),
  };
}
