/**
 * Who may call what, by the payment contract: createPayment needs the service role, refunds the
 * admin or service role (403 otherwise), every operation a token (401); a payment and its refunds
 * are visible to the customer who paid, admins and services, and answer 404 to anyone else.
 */
import { randomUUID } from 'node:crypto';
import { call, charge, newPayment } from './support/http';
import { startPaymentForTest, type PaymentTestService } from './support/payment-test-service';

jest.setTimeout(60_000);

let svc: PaymentTestService;
let serviceToken: string;
let adminToken: string;
let ownerToken: string;
let strangerToken: string;
let paymentId: string;
const customerId = randomUUID();

beforeAll(async () => {
  svc = await startPaymentForTest('payment-authz');
  serviceToken = await svc.token(['service'], 'orders');
  adminToken = await svc.token(['admin'], 'root');
  ownerToken = await svc.token(['customer'], customerId);
  strangerToken = await svc.token(['customer'], randomUUID());
  const paid = await charge(svc.url, serviceToken, newPayment({ customerId }));
  paymentId = paid.body['id'] as string;
});
afterAll(() => svc?.stop());

describe('createPayment', () => {
  it('answers 401 without a token', async () => {
    const answer = await call(svc.url, 'POST', '/api/v1/payments', {
      idempotencyKey: randomUUID(),
      body: newPayment(),
    });
    expect(answer.status).toBe(401);
  });

  it('answers 403 to a customer, even for their own order', async () => {
    const answer = await charge(svc.url, ownerToken, newPayment({ customerId }));
    expect(answer.status).toBe(403);
    expect(answer.body['code']).toBe('FORBIDDEN');
  });

  it('answers 403 to an admin: only services create payments', async () => {
    expect((await charge(svc.url, adminToken, newPayment())).status).toBe(403);
  });

  it('answers 401 to a token signed by another key', async () => {
    const answer = await charge(svc.url, `${serviceToken.slice(0, -4)}AAAA`, newPayment());
    expect(answer.status).toBe(401);
  });
});

describe('getPayment and listRefunds', () => {
  it.each([
    ['the customer who paid', () => ownerToken],
    ['an admin', () => adminToken],
    ['a service', () => serviceToken],
  ])('shows the payment and its refunds to %s', async (_who, token) => {
    const payment = await call(svc.url, 'GET', `/api/v1/payments/${paymentId}`, { token: token() });
    const refunds = await call(svc.url, 'GET', `/api/v1/payments/${paymentId}/refunds`, {
      token: token(),
    });
    expect(payment.status).toBe(200);
    expect(payment.body['id']).toBe(paymentId);
    expect(refunds.status).toBe(200);
  });

  it('answers 404 PAYMENT_ERR_PAYMENT_NOT_FOUND to another customer, as if it did not exist', async () => {
    const payment = await call(svc.url, 'GET', `/api/v1/payments/${paymentId}`, {
      token: strangerToken,
    });
    const refunds = await call(svc.url, 'GET', `/api/v1/payments/${paymentId}/refunds`, {
      token: strangerToken,
    });
    expect([payment.status, refunds.status]).toEqual([404, 404]);
    expect(payment.body['code']).toBe('PAYMENT_ERR_PAYMENT_NOT_FOUND');
    const missing = await call(svc.url, 'GET', `/api/v1/payments/${randomUUID()}`, {
      token: strangerToken,
    });
    const shape = (body: Record<string, unknown>) => ({
      ...body,
      detail: undefined,
      instance: undefined,
      correlationId: undefined,
    });
    expect(shape(payment.body)).toEqual(shape(missing.body));
  });

  it('answers 401 without a token', async () => {
    expect((await call(svc.url, 'GET', `/api/v1/payments/${paymentId}`)).status).toBe(401);
  });

  it('answers 400 naming the parameter for a payment id that is not a UUID', async () => {
    const answer = await call(svc.url, 'GET', '/api/v1/payments/not-a-uuid', { token: adminToken });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body['errors'])).toContain('path.paymentId');
  });
});

describe('refundPayment', () => {
  it('answers 403 to the customer who paid: refunds are made by admins and services', async () => {
    const answer = await call(svc.url, 'POST', `/api/v1/payments/${paymentId}/refunds`, {
      token: ownerToken,
      idempotencyKey: randomUUID(),
      body: { reason: 'CUSTOMER_REQUEST' },
    });
    expect(answer.status).toBe(403);
  });

  it('answers 401 without a token', async () => {
    const answer = await call(svc.url, 'POST', `/api/v1/payments/${paymentId}/refunds`, {
      idempotencyKey: randomUUID(),
      body: { reason: 'OTHER' },
    });
    expect(answer.status).toBe(401);
  });

  it('lets an admin and a service refund', async () => {
    for (const token of [adminToken, serviceToken]) {
      const answer = await call(svc.url, 'POST', `/api/v1/payments/${paymentId}/refunds`, {
        token,
        idempotencyKey: randomUUID(),
        body: { amount: { amount: 100, currency: 'USD' }, reason: 'OTHER' },
      });
      expect(answer.status).toBe(201);
    }
  });
});
