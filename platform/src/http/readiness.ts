/**
 * Readiness of a service instance (platform/src/http): named checks (database, broker …) run
 * in parallel, each with a timeout; the instance also reports not-ready from the moment its
 * shutdown begins, so the gateway or orchestrator stops sending it traffic first.
 */
import { performance } from 'node:perf_hooks';
import { withTimeout } from '../resilience/deadline';

/** Resolves when the dependency is usable; rejects (or outlives the timeout) when it is not. */
export type ReadinessCheck = (signal: AbortSignal) => Promise<void>;

export interface CheckResult {
  status: 'up' | 'down';
  durationMs: number;
  /** Why the check failed (the error message). */
  error?: string;
}

export interface ReadinessReport {
  status: 'ready' | 'not-ready' | 'shutting-down';
  checks: Record<string, CheckResult>;
}

export interface ReadinessOptions {
  /** How long each check may take before it counts as failed, in ms. Default 2000. */
  checkTimeoutMs?: number;
}

export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();
  private readonly checkTimeoutMs: number;
  private shuttingDown = false;

  constructor(options: ReadinessOptions = {}) {
    this.checkTimeoutMs = options.checkTimeoutMs ?? 2000;
  }

  /** Adds a check; names must be unique (they key the report). */
  register(name: string, check: ReadinessCheck): this {
    if (this.checks.has(name)) throw new Error(`readiness check "${name}" is already registered`);
    this.checks.set(name, check);
    return this;
  }

  /** From now on the instance reports `shutting-down` (503) whatever its checks say. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  async evaluate(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]): Promise<[string, CheckResult]> => {
        const started = performance.now();
        const elapsed = () => Math.round(performance.now() - started);
        try {
          await withTimeout(check, this.checkTimeoutMs, { what: `readiness check "${name}"` });
          return [name, { status: 'up', durationMs: elapsed() }];
        } catch (err) {
          return [
            name,
            {
              status: 'down',
              durationMs: elapsed(),
              error: err instanceof Error ? err.message : String(err),
            },
          ];
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    if (this.shuttingDown) return { status: 'shutting-down', checks };
    return {
      status: entries.every(([, result]) => result.status === 'up') ? 'ready' : 'not-ready',
      checks,
    };
  }
}
