/**
 * Retries against the real PSP simulator: transient failures are retried with the same provider
 * idempotency key until the charge goes through; five failures give 503 with Retry-After and a
 * FAILED payment (an answer that is not stored, so the same Idempotency-Key may be retried); a
 * request the provider never answers ends at the per-attempt timeout; and an attempt whose answer
 * was lost is retried without charging twice. The circuit breaker needs too many calls to open here.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '@bazaar/platform/testing/index';
import { call, charge, newPayment } from './support/http';
import { startPaymentForTest, type PaymentTestService } from './support/payment-test-service';

jest.setTimeout(60_000);

let svc: PaymentTestService;
let serviceToken: string;

beforeAll(async () => {
  svc = await startPaymentForTest('payment-retries', {
    env: { PAYMENT_PSP_ATTEMPT_TIMEOUT_MS: '300', PAYMENT_PSP_RETRY_AFTER_SECONDS: '7' },
  });
  serviceToken = await svc.token(['service'], 'orders');
});
afterAll(() => svc?.stop());
beforeEach(() => svc.psp.simulator.reset());

describe('retries of provider calls', () => {
  it('retries transient 5xx failures and charges once, recording how many calls it took', async () => {
    svc.psp.simulator.faults.inject({ kind: 'error', count: 3, operation: 'charge', status: 503 });
    const answer = await charge(svc.url, serviceToken, newPayment());
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'SUCCEEDED', attempts: 4 });
    expect(svc.psp.simulator.stats()).toMatchObject({ chargeRequests: 4, charges: 1 });
  });

  it('answers 503 PAYMENT_ERR_PROVIDER_UNAVAILABLE with Retry-After after five failed calls and records a FAILED payment', async () => {
    svc.psp.simulator.faults.inject({ kind: 'error', count: 5, operation: 'charge', status: 502 });
    const answer = await charge(svc.url, serviceToken, newPayment());
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(answer.body).toMatchObject({
      code: 'PAYMENT_ERR_PROVIDER_UNAVAILABLE',
      paymentId: expect.any(String),
    });
    expect(svc.psp.simulator.stats()).toMatchObject({ chargeRequests: 5, charges: 0 });
    const payment = await call(
      svc.url,
      'GET',
      `/api/v1/payments/${answer.body['paymentId'] as string}`,
      {
        token: serviceToken,
      },
    );
    expect(payment.body).toMatchObject({
      status: 'FAILED',
      failureReason: 'PROVIDER_UNAVAILABLE',
      attempts: 5,
    });
  });

  it('does not store a 503, so the same Idempotency-Key charges once the provider is back', async () => {
    const body = newPayment();
    const key = randomUUID();
    svc.psp.simulator.faults.inject({ kind: 'error', count: 5, operation: 'charge', status: 503 });
    expect((await charge(svc.url, serviceToken, body, key)).status).toBe(503);
    const retried = await charge(svc.url, serviceToken, body, key);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotency-replayed')).toBeNull();
    expect(svc.psp.simulator.stats().charges).toBe(1);
  });

  it('gives up on tok_timeout at the per-attempt timeout, five times, abandoning each call', async () => {
    const answer = await charge(svc.url, serviceToken, newPayment({ token: 'tok_timeout' }));
    expect(answer.status).toBe(503);
    expect(answer.body['code']).toBe('PAYMENT_ERR_PROVIDER_UNAVAILABLE');
    expect(svc.psp.simulator.stats().chargeRequests).toBe(5);
    await waitFor(() => svc.psp.simulator.stats().abandonedRequests === 5);
    expect(
      await svc.metric('payment_psp_calls_total', { operation: 'charge', outcome: 'timeout' }),
    ).toBeGreaterThanOrEqual(5);
  });

  it('retries an attempt whose answer was lost with the same provider key, so the card is charged once', async () => {
    svc.psp.simulator.faults.inject({
      kind: 'lost-response',
      count: 1,
      operation: 'charge',
      status: 503,
    });
    const answer = await charge(svc.url, serviceToken, newPayment());
    expect(answer.status).toBe(201);
    expect(answer.body['attempts']).toBeGreaterThanOrEqual(2);
    expect(svc.psp.simulator.stats().charges).toBe(1);
  });

  it('retries refunds the same way', async () => {
    const paid = await charge(svc.url, serviceToken, newPayment());
    svc.psp.simulator.faults.inject({ kind: 'error', count: 2, operation: 'refund', status: 500 });
    const refund = await call(
      svc.url,
      'POST',
      `/api/v1/payments/${paid.body['id'] as string}/refunds`,
      {
        token: serviceToken,
        idempotencyKey: randomUUID(),
        body: { reason: 'ORDER_CANCELED' },
      },
    );
    expect(refund.status).toBe(201);
    expect(svc.psp.simulator.stats()).toMatchObject({ refundRequests: 3, refunds: 1 });
  });

  it('answers 503 with Retry-After for a refund the provider never made, and records nothing', async () => {
    const paid = await charge(svc.url, serviceToken, newPayment());
    const paymentId = paid.body['id'] as string;
    svc.psp.simulator.faults.inject({ kind: 'error', count: 5, operation: 'refund', status: 503 });
    const refund = await call(svc.url, 'POST', `/api/v1/payments/${paymentId}/refunds`, {
      token: serviceToken,
      idempotencyKey: randomUUID(),
      body: { reason: 'OTHER' },
    });
    expect(refund.status).toBe(503);
    expect(refund.headers.get('retry-after')).toBe('7');
    const refunds = await call(svc.url, 'GET', `/api/v1/payments/${paymentId}/refunds`, {
      token: serviceToken,
    });
    expect(refunds.body['items']).toEqual([]);
    const payment = await call(svc.url, 'GET', `/api/v1/payments/${paymentId}`, {
      token: serviceToken,
    });
    expect(payment.body['status']).toBe('SUCCEEDED');
  });
});
