/**
 * The `local` policy: counters in this process's memory with a TTL of the window length
 * (Kong keeps them in a shared dict across one node's workers; we are one worker).
 */

interface Counter {
  value: number;
  expiresAt: number;
}

const SWEEP_EVERY = 10000;

export class LocalCounters {
  private readonly counters = new Map<string, Counter>();
  private writes = 0;

  usage(key: string, nowMs: number): number {
    const c = this.counters.get(key);
    if (!c) return 0;
    if (c.expiresAt <= nowMs) {
      this.counters.delete(key);
      return 0;
    }
    return c.value;
  }

  increment(key: string, nowMs: number, ttlSeconds: number): void {
    const c = this.counters.get(key);
    if (c && c.expiresAt > nowMs) c.value += 1;
    else this.counters.set(key, { value: 1, expiresAt: nowMs + ttlSeconds * 1000 });
    if (++this.writes % SWEEP_EVERY === 0) this.sweep(nowMs);
  }

  private sweep(nowMs: number): void {
    for (const [key, c] of this.counters) if (c.expiresAt <= nowMs) this.counters.delete(key);
  }
}

/** One store per gateway process, shared by every rate-limiting instance (Kong's shm). */
export const localCounters = new LocalCounters();
