import { FaultPlan, seededRandom } from './fault-plan';

const calm = { failureRate: 0, timeoutRate: 0, latencyMs: 0, latencyJitterMs: 0 };

describe('fault plan', () => {
  it('lets every call through when no fault is queued and the rates are zero', () => {
    const plan = new FaultPlan(calm);
    expect(plan.next('charge')).toBeUndefined();
    expect(plan.next('refund')).toBeUndefined();
  });

  it('uses queued faults for exactly `count` calls, in order', () => {
    const plan = new FaultPlan(calm);
    plan.inject({ kind: 'error', count: 2, operation: 'any', status: 502 });
    plan.inject({ kind: 'timeout', count: 1, operation: 'any', status: 503 });
    expect(plan.next('charge')).toEqual({ kind: 'error', status: 502 });
    expect(plan.next('refund')).toEqual({ kind: 'error', status: 502 });
    expect(plan.next('charge')).toEqual({ kind: 'timeout' });
    expect(plan.next('charge')).toBeUndefined();
  });

  it('applies a fault queued for refunds only to refunds', () => {
    const plan = new FaultPlan(calm);
    plan.inject({ kind: 'lost-response', count: 1, operation: 'refund', status: 503 });
    expect(plan.next('charge')).toBeUndefined();
    expect(plan.next('refund')).toEqual({ kind: 'lost-response' });
  });

  it('forgets queued faults when cleared', () => {
    const plan = new FaultPlan(calm);
    plan.inject({ kind: 'error', count: 5, operation: 'any', status: 503 });
    plan.clear();
    expect(plan.next('charge')).toBeUndefined();
  });

  it('fails by the configured rates: failures below failureRate, timeouts in the next band', () => {
    const rolls = [0.05, 0.15, 0.5];
    const plan = new FaultPlan({ ...calm, failureRate: 0.1, timeoutRate: 0.1 }, () =>
      rolls.shift()!,
    );
    expect(plan.next('charge')).toEqual({ kind: 'error', status: 503 });
    expect(plan.next('charge')).toEqual({ kind: 'timeout' });
    expect(plan.next('charge')).toBeUndefined();
  });

  it('adds uniform jitter to the fixed latency', () => {
    const plan = new FaultPlan({ ...calm, latencyMs: 20, latencyJitterMs: 10 }, () => 0.5);
    expect(plan.latencyMs()).toBe(25);
  });

  it('refuses rates outside 0–1 or adding up to more than 1', () => {
    expect(() => new FaultPlan({ ...calm, failureRate: 1.5 })).toThrow(/failureRate/);
    expect(() => new FaultPlan({ ...calm, failureRate: 0.6, timeoutRate: 0.6 })).toThrow(
      /exceed 1/,
    );
  });

  it('repeats the same sequence for the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
