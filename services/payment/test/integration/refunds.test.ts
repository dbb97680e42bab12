/**
 * Refunds through the real service and PSP simulator, by the contract's rules: everything left by
 * default, partial refunds until REFUNDED, never more than was paid (422, also when refunds race),
 * the payment's currency only (422), nothing to refund on a FAILED or REFUNDED payment (409), and
 * refunds listed oldest first, page by page.
 */
import { randomUUID } from 'node:crypto';
import { call, charge, newPayment, type Answer } from './support/http';
import { startPaymentForTest, type PaymentTestService } from './support/payment-test-service';

jest.setTimeout(60_000);

let svc: PaymentTestService;
let adminToken: string;
let serviceToken: string;

beforeAll(async () => {
  // A little latency, so that racing refunds really overlap at the provider.
  svc = await startPaymentForTest('payment-refunds', { psp: { PSP_LATENCY_MS: '60' } });
  adminToken = await svc.token(['admin'], 'root');
  serviceToken = await svc.token(['service'], 'orders');
});
afterAll(() => svc?.stop());

async function paidPayment(amount = 2598): Promise<string> {
  const answer = await charge(
    svc.url,
    serviceToken,
    newPayment({ amount: { amount, currency: 'USD' } }),
  );
  expect(answer.status).toBe(201);
  return answer.body['id'] as string;
}

function refund(paymentId: string, body: object, token = adminToken): Promise<Answer> {
  return call(svc.url, 'POST', `/api/v1/payments/${paymentId}/refunds`, {
    token,
    idempotencyKey: randomUUID(),
    body,
  });
}

async function paymentOf(paymentId: string): Promise<Record<string, unknown>> {
  return (await call(svc.url, 'GET', `/api/v1/payments/${paymentId}`, { token: adminToken })).body;
}

describe('refundPayment', () => {
  it('refunds everything by default: 201 with the refund, Location of the list, payment REFUNDED', async () => {
    const paymentId = await paidPayment();
    const answer = await refund(paymentId, { reason: 'ORDER_CANCELED' }, serviceToken);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      paymentId,
      amount: { amount: 2598, currency: 'USD' },
      reason: 'ORDER_CANCELED',
    });
    expect(answer.headers.get('location')).toBe(`/api/v1/payments/${paymentId}/refunds`);
    expect(await paymentOf(paymentId)).toMatchObject({
      status: 'REFUNDED',
      refundedAmount: { amount: 2598, currency: 'USD' },
    });
  });

  it('refunds part of a payment, then the rest: PARTIALLY_REFUNDED, then REFUNDED', async () => {
    const paymentId = await paidPayment();
    expect(
      (
        await refund(paymentId, {
          amount: { amount: 1299, currency: 'USD' },
          reason: 'CUSTOMER_REQUEST',
        })
      ).status,
    ).toBe(201);
    expect(await paymentOf(paymentId)).toMatchObject({
      status: 'PARTIALLY_REFUNDED',
      refundedAmount: { amount: 1299 },
    });
    const rest = await refund(paymentId, { reason: 'OTHER' });
    expect(rest.body['amount']).toEqual({ amount: 1299, currency: 'USD' });
    expect(await paymentOf(paymentId)).toMatchObject({
      status: 'REFUNDED',
      refundedAmount: { amount: 2598 },
    });
  });

  it('refuses more than what is left with 422 PAYMENT_ERR_REFUND_EXCEEDS_PAYMENT, saying how much is left', async () => {
    const paymentId = await paidPayment();
    await refund(paymentId, { amount: { amount: 1299, currency: 'USD' }, reason: 'OTHER' });
    const answer = await refund(paymentId, {
      amount: { amount: 1300, currency: 'USD' },
      reason: 'OTHER',
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      code: 'PAYMENT_ERR_REFUND_EXCEEDS_PAYMENT',
      detail: 'at most 1299 USD minor units are left to refund',
    });
  });

  it('refuses another currency than the payment with 422 PAYMENT_ERR_CURRENCY_MISMATCH', async () => {
    const paymentId = await paidPayment();
    const answer = await refund(paymentId, {
      amount: { amount: 100, currency: 'EUR' },
      reason: 'OTHER',
    });
    expect(answer.status).toBe(422);
    expect(answer.body['code']).toBe('PAYMENT_ERR_CURRENCY_MISMATCH');
  });

  it('refuses a fully refunded payment with 409 PAYMENT_ERR_NOT_REFUNDABLE', async () => {
    const paymentId = await paidPayment();
    await refund(paymentId, { reason: 'OTHER' });
    const again = await refund(paymentId, { reason: 'OTHER' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'PAYMENT_ERR_NOT_REFUNDABLE',
      detail: 'the payment is REFUNDED',
    });
  });

  it('refuses a FAILED payment with 409 PAYMENT_ERR_NOT_REFUNDABLE, without calling the provider', async () => {
    const declined = await charge(
      svc.url,
      serviceToken,
      newPayment({ token: 'tok_chargeDeclined' }),
    );
    const before = svc.psp.simulator.stats().refundRequests;
    const answer = await refund(declined.body['paymentId'] as string, { reason: 'OTHER' });
    expect(answer.status).toBe(409);
    expect(answer.body['detail']).toBe('the payment is FAILED');
    expect(svc.psp.simulator.stats().refundRequests).toBe(before);
  });

  it('answers 404 PAYMENT_ERR_PAYMENT_NOT_FOUND for an unknown payment', async () => {
    const answer = await refund(randomUUID(), { reason: 'OTHER' });
    expect(answer.status).toBe(404);
    expect(answer.body['code']).toBe('PAYMENT_ERR_PAYMENT_NOT_FOUND');
  });

  it('never refunds more than was paid when refunds race', async () => {
    const paymentId = await paidPayment(2500);
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        refund(paymentId, { amount: { amount: 1000, currency: 'USD' }, reason: 'OTHER' }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 422]);
    expect(await paymentOf(paymentId)).toMatchObject({
      status: 'PARTIALLY_REFUNDED',
      refundedAmount: { amount: 2000 },
    });
  });
});

describe('listRefunds', () => {
  it('lists refunds oldest first, page by page', async () => {
    const paymentId = await paidPayment(3000);
    for (const amount of [100, 200, 300])
      await refund(paymentId, { amount: { amount, currency: 'USD' }, reason: 'CUSTOMER_REQUEST' });
    const first = await call(svc.url, 'GET', `/api/v1/payments/${paymentId}/refunds?pageSize=2`, {
      token: adminToken,
    });
    expect(first.status).toBe(200);
    expect(
      (first.body['items'] as { amount: { amount: number } }[]).map((r) => r.amount.amount),
    ).toEqual([100, 200]);
    expect(first.body['page']).toEqual({ number: 1, size: 2, totalItems: 3, totalPages: 2 });
    const second = await call(
      svc.url,
      'GET',
      `/api/v1/payments/${paymentId}/refunds?pageSize=2&page=2`,
      {
        token: adminToken,
      },
    );
    expect((second.body['items'] as unknown[]).length).toBe(1);
  });

  it('lists nothing for a payment without refunds', async () => {
    const paymentId = await paidPayment();
    const answer = await call(svc.url, 'GET', `/api/v1/payments/${paymentId}/refunds`, {
      token: adminToken,
    });
    expect(answer.body).toEqual({
      items: [],
      page: { number: 1, size: 20, totalItems: 0, totalPages: 0 },
    });
  });
});
