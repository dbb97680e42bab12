/**
 * The per-order and per-payment provider leases when their holder is gone: a request that cannot
 * get the lease within its deadline answers 503 with Retry-After without calling the provider (a
 * charge records a FAILED payment of 0 attempts), and an expired lease — its holder crashed — is
 * simply taken over.
 */
import { randomUUID } from 'node:crypto';
import { call, charge, newPayment } from './support/http';
import { startPaymentForTest, type PaymentTestService } from './support/payment-test-service';

jest.setTimeout(60_000);

let svc: PaymentTestService;
let serviceToken: string;

beforeAll(async () => {
  svc = await startPaymentForTest('payment-lease', {
    env: { PAYMENT_PSP_DEADLINE_MS: '1500', PAYMENT_PSP_ATTEMPT_TIMEOUT_MS: '1000' },
  });
  serviceToken = await svc.token(['service'], 'orders');
});
afterAll(() => svc?.stop());
beforeEach(() => svc.psp.simulator.reset());

/** A lease held by a holder that never finishes (another instance that crashed mid-call). */
async function holdLease(resource: string, expiresInMs: number): Promise<void> {
  await svc.database.pool.query(
    `INSERT INTO provider_call_leases (resource, holder, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3::double precision / 1000))`,
    [resource, randomUUID(), expiresInMs],
  );
}

describe('provider leases', () => {
  it('answers 503 with Retry-After and records 0 attempts when another holder keeps the order', async () => {
    const body = newPayment();
    await holdLease(`order:${body.orderId}`, 60_000);
    const answer = await charge(svc.url, serviceToken, body);
    expect(answer.status).toBe(503);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(svc.psp.simulator.stats().chargeRequests).toBe(0);
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
      attempts: 0,
    });
  });

  it('takes over a lease whose holder is gone once it has expired', async () => {
    const body = newPayment();
    await holdLease(`order:${body.orderId}`, -1_000);
    expect((await charge(svc.url, serviceToken, body)).status).toBe(201);
  });

  it('answers 503 for a refund while another holder keeps the payment, refunding nothing', async () => {
    const paid = await charge(svc.url, serviceToken, newPayment());
    const paymentId = paid.body['id'] as string;
    await holdLease(`payment:${paymentId}`, 60_000);
    const answer = await call(svc.url, 'POST', `/api/v1/payments/${paymentId}/refunds`, {
      token: serviceToken,
      idempotencyKey: randomUUID(),
      body: { reason: 'OTHER' },
    });
    expect(answer.status).toBe(503);
    expect(answer.body['code']).toBe('PAYMENT_ERR_PROVIDER_UNAVAILABLE');
    expect(svc.psp.simulator.stats().refundRequests).toBe(0);
  });
});
