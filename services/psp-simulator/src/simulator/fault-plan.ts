/**
 * Decides how each charge or refund request misbehaves (services/psp-simulator): faults queued
 * through the control API come first, then the configured random failure and timeout rates; also
 * the latency (fixed + uniform jitter) every provider call waits before it is processed.
 */

export type Operation = 'charge' | 'refund';
export type FaultKind = 'error' | 'timeout' | 'lost-response';
export type ErrorStatus = 500 | 502 | 503 | 504;

export type Fault =
  { kind: 'error'; status: ErrorStatus } | { kind: 'timeout' } | { kind: 'lost-response' };

export interface QueuedFaults {
  kind: FaultKind;
  count: number;
  operation: Operation | 'any';
  /** Status of `error` faults. */
  status: ErrorStatus;
}

export interface FaultRates {
  /** Probability (0–1) that a call answers 503 before anything is recorded. */
  failureRate: number;
  /** Probability (0–1) that a call never answers. */
  timeoutRate: number;
  /** Every call waits this long before it is processed, ms. */
  latencyMs: number;
  /** Plus a uniform random 0..jitter, ms. */
  latencyJitterMs: number;
}

export class FaultPlan {
  private queue: QueuedFaults[] = [];

  constructor(
    private readonly rates: FaultRates,
    /** [0, 1) source; seeded in reproducible runs. */
    private readonly random: () => number = Math.random,
  ) {
    for (const [name, value] of [
      ['failureRate', rates.failureRate],
      ['timeoutRate', rates.timeoutRate],
    ] as const) {
      if (!(value >= 0 && value <= 1))
        throw new RangeError(`${name} must be within 0–1, got ${value}`);
    }
    if (rates.failureRate + rates.timeoutRate > 1)
      throw new RangeError('failureRate + timeoutRate must not exceed 1');
  }

  /** Queues faults for the next matching calls, after those already queued. */
  inject(faults: QueuedFaults): void {
    this.queue.push({ ...faults });
  }

  clear(): void {
    this.queue = [];
  }

  /** The fault the next `operation` call suffers, if any (consumes one queued fault). */
  next(operation: Operation): Fault | undefined {
    const queued = this.queue.find((q) => q.operation === 'any' || q.operation === operation);
    if (queued) {
      queued.count -= 1;
      if (queued.count === 0) this.queue.splice(this.queue.indexOf(queued), 1);
      return queued.kind === 'error'
        ? { kind: 'error', status: queued.status }
        : { kind: queued.kind };
    }
    const roll = this.random();
    if (roll < this.rates.failureRate) return { kind: 'error', status: 503 };
    if (roll < this.rates.failureRate + this.rates.timeoutRate) return { kind: 'timeout' };
    return undefined;
  }

  /** How long the next call waits before being processed, ms. */
  latencyMs(): number {
    return this.rates.latencyMs + Math.floor(this.random() * this.rates.latencyJitterMs);
  }
}

/** A small seeded PRNG (mulberry32) so a run with PSP_RANDOM_SEED can be reproduced. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
