/**
 * createPayment through the real service, database, broker and PSP simulator: a charge succeeds
 * (201, SUCCEEDED, one call to the provider), a decline is final (402 with the FAILED payment's
 * id, exactly one call to the provider), an order is charged at most once (409), and bad input is
 * refused naming the field.
 */
import { randomUUID } from 'node:crypto';
import { call, charge, newPayment } from './support/http';
import { startPaymentForTest, type PaymentTestService } from './support/payment-test-service';

jest.setTimeout(60_000);

let svc: PaymentTestService;
let serviceToken: string;

beforeAll(async () => {
  // A little latency, so that racing charges really overlap at the provider.
  svc = await startPaymentForTest('payment-create', { psp: { PSP_LATENCY_MS: '60' } });
  serviceToken = await svc.token(['service'], 'orders');
});
afterAll(() => svc?.stop());
beforeEach(() => svc.psp.simulator.reset());

describe('createPayment', () => {
  it('charges the order and answers 201 with the SUCCEEDED payment and its Location', async () => {
    const body = newPayment();
    const answer = await charge(svc.url, serviceToken, body);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      orderId: body.orderId,
      customerId: body.customerId,
      amount: { amount: 2598, currency: 'USD' },
      status: 'SUCCEEDED',
      attempts: 1,
      failureReason: null,
      declineCode: null,
      refundedAmount: { amount: 0, currency: 'USD' },
    });
    expect(answer.headers.get('location')).toBe(`/api/v1/payments/${answer.body['id'] as string}`);
    expect(svc.psp.simulator.stats()).toMatchObject({ chargeRequests: 1, charges: 1 });
  });

  it('answers 402 PAYMENT_ERR_DECLINED with the FAILED payment id, after exactly one call to the provider', async () => {
    const answer = await charge(svc.url, serviceToken, newPayment({ token: 'tok_chargeDeclined' }));
    expect(answer.status).toBe(402);
    expect(answer.body).toMatchObject({
      code: 'PAYMENT_ERR_DECLINED',
      declineCode: 'card_declined',
      paymentId: expect.any(String),
    });
    expect(svc.psp.simulator.stats().chargeRequests).toBe(1);
    const read = await call(
      svc.url,
      'GET',
      `/api/v1/payments/${answer.body['paymentId'] as string}`,
      {
        token: serviceToken,
      },
    );
    expect(read.body).toMatchObject({
      status: 'FAILED',
      failureReason: 'DECLINED',
      declineCode: 'card_declined',
      attempts: 1,
    });
  });

  it('declines an unknown card token with invalid_token', async () => {
    const answer = await charge(svc.url, serviceToken, newPayment({ token: 'tok_unknown' }));
    expect(answer.status).toBe(402);
    expect(answer.body['declineCode']).toBe('invalid_token');
  });

  it('lets an order be paid after a decline, with a new Idempotency-Key and another card', async () => {
    const body = newPayment({ token: 'tok_chargeDeclined' });
    expect((await charge(svc.url, serviceToken, body)).status).toBe(402);
    const retried = await charge(svc.url, serviceToken, {
      ...body,
      paymentMethod: { type: 'card', token: 'tok_visa' },
    });
    expect(retried.status).toBe(201);
  });

  it('refuses to charge an order that already has a succeeded payment with 409 PAYMENT_ERR_ORDER_ALREADY_PAID', async () => {
    const body = newPayment();
    expect((await charge(svc.url, serviceToken, body)).status).toBe(201);
    const second = await charge(svc.url, serviceToken, body);
    expect(second.status).toBe(409);
    expect(second.body['code']).toBe('PAYMENT_ERR_ORDER_ALREADY_PAID');
    expect(svc.psp.simulator.stats().chargeRequests).toBe(1);
  });

  it('charges an order once when two payments of it race with different keys', async () => {
    const body = newPayment();
    const answers = await Promise.all([
      charge(svc.url, serviceToken, body),
      charge(svc.url, serviceToken, body),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(svc.psp.simulator.stats().charges).toBe(1);
  });

  it('rejects a payment of zero with 400 naming the field, without calling the provider', async () => {
    const answer = await charge(
      svc.url,
      serviceToken,
      newPayment({ amount: { amount: 0, currency: 'USD' } }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body['code']).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(answer.body['errors'])).toContain('body.amount.amount');
    expect(svc.psp.simulator.stats().chargeRequests).toBe(0);
  });

  it('requires an Idempotency-Key (400 naming the header)', async () => {
    const answer = await call(svc.url, 'POST', '/api/v1/payments', {
      token: serviceToken,
      body: newPayment(),
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toMatch(/idempotency-key/i);
  });

  it('records a FAILED payment for every decline, each its own attempt', async () => {
    const orderId = randomUUID();
    const first = await charge(
      svc.url,
      serviceToken,
      newPayment({ orderId, token: 'tok_chargeDeclined' }),
    );
    const second = await charge(
      svc.url,
      serviceToken,
      newPayment({ orderId, token: 'tok_chargeDeclined' }),
    );
    expect(first.body['paymentId']).not.toBe(second.body['paymentId']);
  });
});
