/**
 * Idempotency-Key on the operations that move money, as the payment contract states it: a replay
 * returns the first answer (201 or 402) with Idempotency-Replayed and charges nothing again;
 * another body under the key is 422; a request still running is 409; answers that reflect no
 * decision (400, 503) are not stored; and a charge whose stored answer was lost is found again
 * instead of being made twice. The simulator answers slowly here, so two requests overlap.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '@bazaar/platform/testing/index';
import { call, charge, newPayment } from './support/http';
import { startPaymentForTest, type PaymentTestService } from './support/payment-test-service';

jest.setTimeout(60_000);

let svc: PaymentTestService;
let serviceToken: string;

beforeAll(async () => {
  svc = await startPaymentForTest('payment-idempotency', { psp: { PSP_LATENCY_MS: '400' } });
  serviceToken = await svc.token(['service'], 'orders');
});
afterAll(() => svc?.stop());
beforeEach(() => svc.psp.simulator.reset());

describe('Idempotency-Key on createPayment', () => {
  it('replays the first 201 for the same key and body, with one charge at the provider', async () => {
    const body = newPayment();
    const key = randomUUID();
    const first = await charge(svc.url, serviceToken, body, key);
    const replay = await charge(svc.url, serviceToken, body, key);
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(replay.headers.get('location')).toBe(first.headers.get('location'));
    expect(svc.psp.simulator.stats()).toMatchObject({ chargeRequests: 1, charges: 1 });
  });

  it('replays a decline: a new attempt needs a new key', async () => {
    const body = newPayment({ token: 'tok_chargeDeclined' });
    const key = randomUUID();
    const first = await charge(svc.url, serviceToken, body, key);
    const replay = await charge(svc.url, serviceToken, body, key);
    expect(replay.status).toBe(402);
    expect(replay.body['paymentId']).toBe(first.body['paymentId']);
    expect(svc.psp.simulator.stats().chargeRequests).toBe(1);
  });

  it('refuses the same key with another body with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const key = randomUUID();
    await charge(svc.url, serviceToken, newPayment(), key);
    const reused = await charge(svc.url, serviceToken, newPayment(), key);
    expect(reused.status).toBe(422);
    expect(reused.body['code']).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers 409 IDEMPOTENCY_REQUEST_IN_PROGRESS while the first request with the key still runs', async () => {
    const body = newPayment();
    const key = randomUUID();
    const first = charge(svc.url, serviceToken, body, key);
    await waitFor(() => svc.psp.simulator.stats().chargeRequests === 1);
    const second = await charge(svc.url, serviceToken, body, key);
    expect(second.status).toBe(409);
    expect(second.body['code']).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS');
    expect((await first).status).toBe(201);
  });

  it('does not store a 400, so the corrected request may use the same key', async () => {
    const key = randomUUID();
    const body = newPayment();
    const invalid = await charge(
      svc.url,
      serviceToken,
      { ...body, amount: { amount: -1, currency: 'USD' } },
      key,
    );
    expect(invalid.status).toBe(400);
    const corrected = await charge(svc.url, serviceToken, body, key);
    expect(corrected.status).toBe(201);
  });

  it('scopes keys to the caller: another service may use the same key', async () => {
    const key = randomUUID();
    const other = await svc.token(['service'], 'another-service');
    const first = await charge(svc.url, serviceToken, newPayment(), key);
    const second = await charge(svc.url, other, newPayment(), key);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('idempotency-replayed')).toBeNull();
  });

  it('finds the recorded charge when the stored answer was lost, instead of charging twice', async () => {
    const body = newPayment();
    const key = randomUUID();
    const first = await charge(svc.url, serviceToken, body, key);
    // As if the process died after recording the payment but before storing the answer.
    await svc.database.pool.query('DELETE FROM platform.idempotency_keys');
    const retried = await charge(svc.url, serviceToken, body, key);
    expect(retried.status).toBe(201);
    expect(retried.body['id']).toBe(first.body['id']);
    expect(svc.psp.simulator.stats().chargeRequests).toBe(1);
  });
});

describe('Idempotency-Key on refundPayment', () => {
  it('refunds once for a replayed key and answers the same refund', async () => {
    const paid = await charge(svc.url, serviceToken, newPayment());
    const path = `/api/v1/payments/${paid.body['id'] as string}/refunds`;
    const key = randomUUID();
    const refund = { amount: { amount: 500, currency: 'USD' }, reason: 'CUSTOMER_REQUEST' };
    const first = await call(svc.url, 'POST', path, {
      token: serviceToken,
      idempotencyKey: key,
      body: refund,
    });
    const replay = await call(svc.url, 'POST', path, {
      token: serviceToken,
      idempotencyKey: key,
      body: refund,
    });
    expect(first.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(svc.psp.simulator.stats().refunds).toBe(1);
  });

  it('finds the recorded refund when the stored answer was lost, instead of refunding twice', async () => {
    const paid = await charge(svc.url, serviceToken, newPayment());
    const path = `/api/v1/payments/${paid.body['id'] as string}/refunds`;
    const key = randomUUID();
    const first = await call(svc.url, 'POST', path, {
      token: serviceToken,
      idempotencyKey: key,
      body: { reason: 'OTHER' },
    });
    await svc.database.pool.query('DELETE FROM platform.idempotency_keys');
    const retried = await call(svc.url, 'POST', path, {
      token: serviceToken,
      idempotencyKey: key,
      body: { reason: 'OTHER' },
    });
    expect(retried.status).toBe(201);
    expect(retried.body['id']).toBe(first.body['id']);
    expect(svc.psp.simulator.stats().refundRequests).toBe(1);
  });
});
