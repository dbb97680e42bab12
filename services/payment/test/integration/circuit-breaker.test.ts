/**
 * The circuit breaker around the real PSP simulator: it opens once enough calls in its window
 * failed, then answers 503 with Retry-After (the seconds until it lets a trial call through)
 * without calling the provider; after that wait one trial call goes through and closes it, or
 * fails and opens it again. Only `Date` is faked, so the wait is a jump of the clock, not a sleep.
 */
import { charge, newPayment } from './support/http';
import { startPaymentForTest, type PaymentTestService } from './support/payment-test-service';

jest.setTimeout(60_000);

const HALF_OPEN_AFTER_MS = 30_000;
let svc: PaymentTestService;
let serviceToken: string;

beforeAll(async () => {
  svc = await startPaymentForTest('payment-circuit', {
    env: {
      PAYMENT_PSP_BREAKER_MINIMUM_CALLS: '3',
      PAYMENT_PSP_BREAKER_FAILURE_RATIO: '0.5',
      PAYMENT_PSP_BREAKER_WINDOW_MS: '60000',
      PAYMENT_PSP_BREAKER_HALF_OPEN_AFTER_MS: String(HALF_OPEN_AFTER_MS),
    },
  });
  serviceToken = await svc.token(['service'], 'orders');
  // Date only: timers, I/O and the event loop stay real; the clock moves with real time and jumps on demand.
  jest.useFakeTimers({
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
    advanceTimers: true,
  });
});
afterAll(async () => {
  jest.useRealTimers();
  await svc?.stop();
});

function jumpPastHalfOpen(): void {
  jest.setSystemTime(Date.now() + HALF_OPEN_AFTER_MS + 1_000);
}

const circuitState = () => svc.metric('payment_psp_circuit_state');

describe('the circuit breaker around the provider', () => {
  it("opens after repeated failures and stops that charge's remaining attempts", async () => {
    svc.psp.simulator.faults.inject({
      kind: 'error',
      count: 100,
      operation: 'charge',
      status: 503,
    });
    const answer = await charge(svc.url, serviceToken, newPayment());
    expect(answer.status).toBe(503);
    expect(svc.psp.simulator.stats().chargeRequests).toBe(3);
    const retryAfter = Number(answer.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(HALF_OPEN_AFTER_MS / 1000);
    expect(await circuitState()).toBe(2);
  });

  it('answers 503 with Retry-After at once while open, without calling the provider, and records 0 attempts', async () => {
    svc.psp.simulator.faults.clear();
    const before = svc.psp.simulator.stats().chargeRequests;
    const rejectedBefore = await svc.metric('payment_psp_circuit_rejections_total', {
      operation: 'charge',
    });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await charge(svc.url, serviceToken, newPayment()));
    expect(answers.map((a) => a.status)).toEqual([503, 503, 503]);
    for (const answer of answers) {
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(answer.body['code']).toBe('PAYMENT_ERR_PROVIDER_UNAVAILABLE');
    }
    expect(svc.psp.simulator.stats().chargeRequests).toBe(before);
    const payment = await fetch(
      `${svc.url}/api/v1/payments/${answers[0]!.body['paymentId'] as string}`,
      {
        headers: { authorization: `Bearer ${serviceToken}` },
      },
    );
    expect(await payment.json()).toMatchObject({
      status: 'FAILED',
      failureReason: 'PROVIDER_UNAVAILABLE',
      attempts: 0,
    });
    expect(await svc.metric('payment_psp_circuit_rejections_total', { operation: 'charge' })).toBe(
      rejectedBefore + 3,
    );
  });

  it('reopens when the trial call after the wait fails', async () => {
    jumpPastHalfOpen();
    svc.psp.simulator.faults.inject({ kind: 'error', count: 1, operation: 'charge', status: 503 });
    const before = svc.psp.simulator.stats().chargeRequests;
    const answer = await charge(svc.url, serviceToken, newPayment());
    expect(answer.status).toBe(503);
    expect(svc.psp.simulator.stats().chargeRequests).toBe(before + 1);
    expect(await circuitState()).toBe(2);
  });

  it('lets one trial call through after the wait and closes again when it succeeds', async () => {
    jumpPastHalfOpen();
    const before = svc.psp.simulator.stats().chargeRequests;
    const answer = await charge(svc.url, serviceToken, newPayment());
    expect(answer.status).toBe(201);
    expect(answer.body['attempts']).toBe(1);
    expect(svc.psp.simulator.stats().chargeRequests).toBe(before + 1);
    expect(await circuitState()).toBe(0);
    expect((await charge(svc.url, serviceToken, newPayment())).status).toBe(201);
  });
});
