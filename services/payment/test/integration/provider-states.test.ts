/**
 * The provider states future contract tests will use (test/contract/provider-states.ts) seed what
 * their sentences promise, as seen through the real API: a succeeded, declined or fully refunded
 * payment, an order already paid, an unknown payment, a provider that declines or is down.
 */
import { randomUUID } from 'node:crypto';
import { paymentProviderStates, type StateHandler } from '../contract/provider-states';
import { call, charge, newPayment } from './support/http';
import { startPaymentForTest, type PaymentTestService } from './support/payment-test-service';

jest.setTimeout(60_000);

let svc: PaymentTestService;
let states: Record<string, StateHandler>;
let serviceToken: string;

beforeAll(async () => {
  svc = await startPaymentForTest('payment-provider-states');
  states = paymentProviderStates({ pool: svc.database.pool, psp: svc.psp.simulator });
  serviceToken = await svc.token(['service'], 'orders');
});
afterAll(() => svc?.stop());

function state(sentence: string): StateHandler {
  const handler = states[sentence];
  if (!handler) throw new Error(`no provider state "${sentence}"`);
  return handler;
}

const getPayment = (id: unknown) =>
  call(svc.url, 'GET', `/api/v1/payments/${String(id)}`, { token: serviceToken });

describe('payment provider states', () => {
  it('"a payment {paymentId} succeeded for order {orderId}" seeds that SUCCEEDED payment', async () => {
    const paymentId = randomUUID();
    const orderId = randomUUID();
    const seeded = await state('a payment {paymentId} succeeded for order {orderId}')({
      paymentId,
      orderId,
    });
    expect(seeded).toMatchObject({ paymentId, orderId });
    expect((await getPayment(paymentId)).body).toMatchObject({ orderId, status: 'SUCCEEDED' });
  });

  it('"a payment {paymentId} succeeded for order {orderId}" has a charge the provider can refund, even once "the payment provider is available" follows', async () => {
    const seeded = await state('a payment {paymentId} succeeded for order {orderId}')();
    await state('the payment provider is available')();
    const refund = await call(
      svc.url,
      'POST',
      `/api/v1/payments/${String(seeded['paymentId'])}/refunds`,
      { token: serviceToken, idempotencyKey: randomUUID(), body: { reason: 'ORDER_CANCELED' } },
    );
    expect(refund.status).toBe(201);
    expect((await getPayment(seeded['paymentId'])).body).toMatchObject({ status: 'REFUNDED' });
  });

  it('"order {orderId} is already paid" makes createPayment answer 409 for that order', async () => {
    const orderId = randomUUID();
    await state('order {orderId} is already paid')({ orderId });
    const answer = await charge(svc.url, serviceToken, newPayment({ orderId }));
    expect(answer.body['code']).toBe('PAYMENT_ERR_ORDER_ALREADY_PAID');
  });

  it('"a payment {paymentId} was declined for order {orderId}" seeds a FAILED payment', async () => {
    const seeded = await state('a payment {paymentId} was declined for order {orderId}')();
    expect((await getPayment(seeded['paymentId'])).body).toMatchObject({
      status: 'FAILED',
      failureReason: 'DECLINED',
      declineCode: 'card_declined',
    });
  });

  it('"a payment {paymentId} was fully refunded" seeds a REFUNDED payment with its refund', async () => {
    const seeded = await state('a payment {paymentId} was fully refunded')({ amount: 1000 });
    expect((await getPayment(seeded['paymentId'])).body).toMatchObject({
      status: 'REFUNDED',
      refundedAmount: { amount: 1000, currency: 'USD' },
    });
    const refunds = await call(
      svc.url,
      'GET',
      `/api/v1/payments/${String(seeded['paymentId'])}/refunds`,
      {
        token: serviceToken,
      },
    );
    expect((refunds.body['items'] as unknown[]).length).toBe(1);
  });

  it('"no payment {paymentId} exists" leaves the id unknown', async () => {
    const seeded = await state('no payment {paymentId} exists')();
    expect((await getPayment(seeded['paymentId'])).status).toBe(404);
  });

  it('"the payment provider declines" gives the token the simulator declines', async () => {
    const seeded = await state('the payment provider declines')();
    const answer = await charge(
      svc.url,
      serviceToken,
      newPayment({ token: String(seeded['token']) }),
    );
    expect(answer.status).toBe(402);
  });

  it('"the payment provider is unavailable" makes charges end in 503, and "is available" undoes it', async () => {
    await state('the payment provider is unavailable')();
    expect((await charge(svc.url, serviceToken, newPayment())).status).toBe(503);
    await state('the payment provider is available')();
    expect((await charge(svc.url, serviceToken, newPayment())).status).toBe(201);
  });
});
