import {
  createCircuitBreaker,
  Deadline,
  type CircuitBreaker,
} from '@bazaar/platform/resilience/index';
import {
  createLogger,
  createMetricsRegistry,
  type Registry,
} from '@bazaar/platform/telemetry/index';
import { PaymentProvider, type ProviderCallPolicy } from './payment-provider';
import {
  ProviderRefusedError,
  ProviderUnavailableError,
  isTransientProviderError,
} from './provider-errors';
import type { ChargeAnswer, ProviderClient } from './psp.http-client';
import { createPspMetrics } from './psp-metrics';

const policy: ProviderCallPolicy = {
  maxAttempts: 5,
  attemptTimeoutMs: 1_000,
  backoffBaseMs: 1,
  backoffMaxMs: 2,
  retryAfterSeconds: 7,
};
const call = { amount: 100, currency: 'USD', token: 'tok_visa', idempotencyKey: 'k' };
const down = () => new ProviderUnavailableError('server_error', 'provider failed: 503');

/** A fake provider answering each charge call with the next scripted step. */
function scriptedClient(steps: (() => Promise<ChargeAnswer>)[]) {
  const signals: AbortSignal[] = [];
  const client: ProviderClient & { calls: number; signals: AbortSignal[] } = {
    calls: 0,
    signals,
    charge(_call, signal) {
      signals.push(signal);
      const step = steps[Math.min(client.calls, steps.length - 1)]!;
      client.calls += 1;
      return step();
    },
    refund: () => Promise.reject(new ProviderRefusedError(422, 'refund_error', 'too much')),
  };
  return client;
}

function breakerWith(minimumCalls: number): CircuitBreaker {
  return createCircuitBreaker({
    name: 'psp',
    breaker: {
      kind: 'sampling',
      threshold: 0.5,
      durationMs: 60_000,
      minimumRps: minimumCalls / 60,
    },
    halfOpenAfterMs: 30_000,
    isFailure: isTransientProviderError,
  });
}

let registry: Registry;
function providerFor(
  client: ProviderClient,
  breaker = breakerWith(1_000),
  overrides: Partial<ProviderCallPolicy> = {},
  extra: { random?: () => number; logLines?: string[] } = {},
) {
  registry = createMetricsRegistry({ service: 'test', defaultMetrics: false });
  const lines = extra.logLines;
  return new PaymentProvider({
    client,
    breaker,
    policy: { ...policy, ...overrides },
    metrics: createPspMetrics(registry, breaker),
    logger: createLogger(
      lines
        ? {
            service: 'test',
            level: 'warn',
            destination: { write: (line: string) => void lines.push(line) },
          }
        : { service: 'test', level: 'silent' },
    ),
    ...(extra.random ? { random: extra.random } : {}),
  });
}

const soon = () => Deadline.after(10_000);

describe('charging through the resilient provider', () => {
  it('returns an approval after one call', async () => {
    const client = scriptedClient([async () => ({ kind: 'approved', chargeId: 'ch_1' })]);
    expect(await providerFor(client).charge(call, soon())).toEqual({
      kind: 'approved',
      providerChargeId: 'ch_1',
      attempts: 1,
    });
  });

  it('retries transient failures and counts every call made', async () => {
    const client = scriptedClient([
      () => Promise.reject(down()),
      () => Promise.reject(new ProviderUnavailableError('connection_error', 'ECONNRESET')),
      async () => ({ kind: 'approved', chargeId: 'ch_2' }),
    ]);
    expect(await providerFor(client).charge(call, soon())).toMatchObject({
      kind: 'approved',
      attempts: 3,
    });
    expect(client.calls).toBe(3);
  });

  it('never retries a decline', async () => {
    const client = scriptedClient([
      async () => ({ kind: 'declined', declineCode: 'card_declined' }),
    ]);
    expect(await providerFor(client).charge(call, soon())).toEqual({
      kind: 'declined',
      declineCode: 'card_declined',
      attempts: 1,
    });
    expect(client.calls).toBe(1);
  });

  it('gives up after five failed calls with the configured Retry-After while the circuit stays closed', async () => {
    const client = scriptedClient([() => Promise.reject(down())]);
    expect(await providerFor(client).charge(call, soon())).toEqual({
      kind: 'unavailable',
      attempts: 5,
      retryAfterSeconds: 7,
      circuitOpen: false,
    });
    expect(client.calls).toBe(5);
  });

  it('waits a random share of an exponentially growing, capped ceiling before each retry (full jitter)', async () => {
    const lines: string[] = [];
    const client = scriptedClient([() => Promise.reject(down())]);
    await providerFor(
      client,
      undefined,
      { backoffBaseMs: 4, backoffMaxMs: 20 },
      { random: () => 0.5, logLines: lines },
    ).charge(call, soon());
    const delays = lines
      .map((line) => JSON.parse(line) as { delayMs?: number })
      .filter((entry) => entry.delayMs !== undefined)
      .map((entry) => entry.delayMs);
    // Ceilings 4, 8, 16, then capped at 20; half of each.
    expect(delays).toEqual([2, 4, 8, 10]);
  });

  it('abandons a call that outlives the per-attempt timeout and retries it', async () => {
    const hanging = () => new Promise<ChargeAnswer>(() => undefined);
    const client = scriptedClient([
      hanging,
      hanging,
      async () => ({ kind: 'approved', chargeId: 'ch_3' }),
    ]);
    const result = await providerFor(client, undefined, { attemptTimeoutMs: 20 }).charge(
      call,
      soon(),
    );
    expect(result).toMatchObject({ kind: 'approved', attempts: 3 });
    expect(client.signals.slice(0, 2).every((s) => s.aborted)).toBe(true);
  });

  it('stops retrying when the overall deadline has passed', async () => {
    const client = scriptedClient([() => new Promise<ChargeAnswer>(() => undefined)]);
    const result = await providerFor(client, undefined, { attemptTimeoutMs: 40 }).charge(
      call,
      Deadline.after(100),
    );
    expect(result).toMatchObject({ kind: 'unavailable', circuitOpen: false });
    expect(client.calls).toBeLessThan(5);
  });

  it('throws when the provider refuses a charge request (a client bug, not a decline)', async () => {
    const client = scriptedClient([
      () => Promise.reject(new ProviderRefusedError(400, 'invalid_request_error', 'bad')),
    ]);
    await expect(providerFor(client).charge(call, soon())).rejects.toBeInstanceOf(
      ProviderRefusedError,
    );
    expect(client.calls).toBe(1);
  });

  it('counts each call by outcome in payment_psp_calls_total', async () => {
    const client = scriptedClient([
      () => Promise.reject(down()),
      async () => ({ kind: 'approved', chargeId: 'c' }),
    ]);
    await providerFor(client).charge(call, soon());
    const metrics = await registry.getMetricsAsJSON();
    const calls = metrics.find((m) => m.name === 'payment_psp_calls_total')!;
    expect(calls.values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          labels: expect.objectContaining({ operation: 'charge', outcome: 'server_error' }),
          value: 1,
        }),
        expect.objectContaining({
          labels: expect.objectContaining({ operation: 'charge', outcome: 'approved' }),
          value: 1,
        }),
      ]),
    );
  });
});

describe('the circuit breaker around the provider', () => {
  it('opens once enough calls in the window failed and stops the retries of that charge', async () => {
    const breaker = breakerWith(2);
    const client = scriptedClient([() => Promise.reject(down())]);
    const result = await providerFor(client, breaker).charge(call, soon());
    expect(result).toEqual({
      kind: 'unavailable',
      attempts: 2,
      retryAfterSeconds: 30,
      circuitOpen: true,
    });
    expect(breaker.state).toBe('open');
  });

  it('answers at once without calling the provider while open', async () => {
    const breaker = breakerWith(2);
    await providerFor(scriptedClient([() => Promise.reject(down())]), breaker).charge(call, soon());
    const client = scriptedClient([async () => ({ kind: 'approved', chargeId: 'never' })]);
    const result = await providerFor(client, breaker).charge(call, soon());
    expect(result).toMatchObject({ kind: 'unavailable', attempts: 0, circuitOpen: true });
    expect(client.calls).toBe(0);
  });

  it('does not count declines or refusals as provider failures', async () => {
    const breaker = breakerWith(2);
    const provider = providerFor(
      scriptedClient([async () => ({ kind: 'declined', declineCode: 'card_declined' })]),
      breaker,
    );
    for (let i = 0; i < 5; i++) await provider.charge(call, soon());
    expect(
      await provider.refund({ chargeId: 'ch', amount: 1, idempotencyKey: 'r' }, soon()),
    ).toMatchObject({
      kind: 'refused',
      status: 422,
      attempts: 1,
    });
    expect(breaker.state).toBe('closed');
  });
});
