/**
 * What orders needs from payment's REST API (provider `payment`): createPayment and refundPayment,
 * called through orders' real outbound module (src/outbound/payment.http-client.ts, which drives
 * the generated payment client), and every answer orders tells apart: a charge that succeeded,
 * was declined (402), could not reach the provider (503 + Retry-After) or finds the order already
 * paid (409); a refund made, refused because nothing is left (409), or not made (503).
 *
 * Key principle: only what orders reads is in the pact (the payment or refund id, the problem's
 * `code`, `paymentId`, `declineCode`, `Retry-After`), by type where the value is the provider's.
 * The bearer token is a real RS256 service token (sub `orders`, role `service`) signed by a
 * throwaway key: the pact pins its shape, and the provider swaps in one signed by the key it trusts.
 * Ids and Idempotency-Keys differ per interaction because payment keeps them across a verification.
 */
import { generateKeyPairSync } from 'node:crypto';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { SignJWT, importPKCS8 } from 'jose';
import { pactFileOptions } from '../../../../tests/pact/pact-config';
import { PaymentHttpClient } from '../../src/outbound/payment.http-client';
import { refundKeyOf } from '../../src/use-cases/compensate-order.step';
import { chargeKeyOf } from '../../src/use-cases/pay-order';

const { equal, integer, like, regex, uuid } = MatchersV3;

const pact = new PactV4({ consumer: 'orders', provider: 'payment', ...pactFileOptions });

const CUSTOMER_ID = '7b4e2d1c-9a8f-4e6d-b5c4-3a2f1e0d9c8b';
const BEARER_JWT = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** chargeKeyOf / refundKeyOf (src/use-cases): the only Idempotency-Keys orders sends to payment. */
const ORDERS_IDEMPOTENCY_KEY = /^order-[0-9a-f-]{36}-(pay-[0-9a-f]{32}|refund)$/;
const RETRY_AFTER = regex(/^[1-9][0-9]*$/, '5');
/** Payment answers errors as RFC 9457 problems; the generated client reads them as JSON. */
const PROBLEM_JSON = regex(/^application\/problem\+json(;.*)?$/, 'application/problem+json');

let serviceToken: string;

beforeAll(async () => {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  // What identity's issueServiceToken gives orders (platform/src/auth claims).
  serviceToken = await new SignJWT({ roles: ['service'] })
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer('bazaar-identity')
    .setSubject('orders')
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(await importPKCS8(privateKey, 'RS256'));
});

function paymentAt(baseUrl: string): PaymentHttpClient {
  // Generous timeout: a loaded CI machine must not turn a slow mock server into a failed pact.
  return new PaymentHttpClient({ baseUrl, token: async () => serviceToken, timeoutMs: 30_000 });
}

/** The headers every call of orders to payment carries. */
function orderHeaders(idempotencyKey: string) {
  return {
    Accept: 'application/json',
    Authorization: regex(BEARER_JWT, `Bearer ${serviceToken}`),
    'Idempotency-Key': regex(ORDERS_IDEMPOTENCY_KEY, idempotencyKey),
  };
}

/** createPayment's body as orders builds it for `orderId`, paying with `token`. */
function chargeBody(orderId: string, token: string) {
  return {
    orderId: uuid(orderId),
    customerId: uuid(CUSTOMER_ID),
    amount: { amount: integer(2598), currency: regex(/^[A-Z]{3}$/, 'USD') },
    paymentMethod: { type: equal('card'), token: like(token) },
  };
}

function chargeOf(orderId: string, token: string) {
  return {
    orderId,
    customerId: CUSTOMER_ID,
    amount: { amount: 2598, currency: 'USD' },
    paymentMethod: { type: 'card' as const, token },
    idempotencyKey: chargeKeyOf(orderId, `customer-key-${orderId}`),
  };
}

describe('orders calling payment', () => {
  describe('createPayment', () => {
    it('learns the id of the payment that charged the order', async () => {
      const orderId = '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a01';
      const paymentId = '2b7d9f1e-4c6a-4e8b-9d0f-1a2b3c4d5e01';
      const charge = chargeOf(orderId, 'tok_visa');
      await pact
        .addInteraction()
        .given('the payment provider is available')
        .uponReceiving('a charge of an order the provider approves')
        .withRequest('POST', '/api/v1/payments', (request) =>
          request
            .headers(orderHeaders(charge.idempotencyKey))
            .jsonBody(chargeBody(orderId, 'tok_visa')),
        )
        .willRespondWith(201, (response) => response.jsonBody({ id: uuid(paymentId) }))
        .executeTest(async (mockServer) => {
          expect(await paymentAt(mockServer.url).charge(charge)).toEqual({
            kind: 'succeeded',
            paymentId,
          });
        });
    });

    it('learns that the charge was declined, with the failed payment and its decline code', async () => {
      const orderId = '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a02';
      const paymentId = '2b7d9f1e-4c6a-4e8b-9d0f-1a2b3c4d5e02';
      const charge = chargeOf(orderId, 'tok_chargeDeclined');
      await pact
        .addInteraction()
        .given('the payment provider declines')
        .uponReceiving('a charge of an order the provider declines')
        .withRequest('POST', '/api/v1/payments', (request) =>
          request
            .headers(orderHeaders(charge.idempotencyKey))
            .jsonBody(chargeBody(orderId, 'tok_chargeDeclined')),
        )
        .willRespondWith(402, (response) =>
          response
            .headers({ 'Content-Type': PROBLEM_JSON })
            .jsonBody({ paymentId: uuid(paymentId), declineCode: like('card_declined') }),
        )
        .executeTest(async (mockServer) => {
          expect(await paymentAt(mockServer.url).charge(charge)).toEqual({
            kind: 'declined',
            paymentId,
            declineCode: 'card_declined',
          });
        });
    });

    it('learns that the provider could not be reached and when to try again', async () => {
      const orderId = '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a03';
      const charge = chargeOf(orderId, 'tok_visa');
      await pact
        .addInteraction()
        .given('the payment provider is unavailable')
        .uponReceiving('a charge of an order while the provider is unavailable')
        .withRequest('POST', '/api/v1/payments', (request) =>
          request
            .headers(orderHeaders(charge.idempotencyKey))
            .jsonBody(chargeBody(orderId, 'tok_visa')),
        )
        .willRespondWith(503, (response) =>
          response
            .headers({ 'Content-Type': PROBLEM_JSON, 'Retry-After': RETRY_AFTER })
            .jsonBody({ code: equal('PAYMENT_ERR_PROVIDER_UNAVAILABLE') }),
        )
        .executeTest(async (mockServer) => {
          expect(await paymentAt(mockServer.url).charge(charge)).toEqual({
            kind: 'unavailable',
            retryAfterSeconds: 5,
          });
        });
    });

    it('learns that the order already has a succeeded payment', async () => {
      const orderId = '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a04';
      const charge = chargeOf(orderId, 'tok_visa');
      await pact
        .addInteraction()
        .given('order {orderId} is already paid', { orderId })
        .uponReceiving('a charge of an order that is already paid')
        .withRequest('POST', '/api/v1/payments', (request) =>
          request
            .headers(orderHeaders(charge.idempotencyKey))
            .jsonBody(chargeBody(orderId, 'tok_visa')),
        )
        .willRespondWith(409, (response) =>
          response
            .headers({ 'Content-Type': PROBLEM_JSON })
            .jsonBody({ code: equal('PAYMENT_ERR_ORDER_ALREADY_PAID') }),
        )
        .executeTest(async (mockServer) => {
          expect(await paymentAt(mockServer.url).charge(charge)).toEqual({ kind: 'already-paid' });
        });
    });
  });

  describe('refundPayment', () => {
    const refundBody = { reason: equal('ORDER_CANCELED') };

    it('learns the id of the refund that gave a canceled order its money back', async () => {
      const orderId = '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a05';
      const paymentId = '2b7d9f1e-4c6a-4e8b-9d0f-1a2b3c4d5e05';
      const refundId = '9d1f3b5a-7c2e-4d6f-8a0b-3c4d5e6f7a05';
      await pact
        .addInteraction()
        .given('a payment {paymentId} succeeded for order {orderId}', { paymentId, orderId })
        .given('the payment provider is available')
        .uponReceiving('a refund of a canceled order')
        .withRequest('POST', `/api/v1/payments/${paymentId}/refunds`, (request) =>
          request.headers(orderHeaders(refundKeyOf(orderId))).jsonBody(refundBody),
        )
        .willRespondWith(201, (response) => response.jsonBody({ id: uuid(refundId) }))
        .executeTest(async (mockServer) => {
          expect(await paymentAt(mockServer.url).refund(paymentId, refundKeyOf(orderId))).toEqual({
            kind: 'refunded',
            refundId,
          });
        });
    });

    it('learns that a payment refunded in full has nothing left to refund', async () => {
      const orderId = '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a06';
      const paymentId = '2b7d9f1e-4c6a-4e8b-9d0f-1a2b3c4d5e06';
      await pact
        .addInteraction()
        .given('a payment {paymentId} was fully refunded', { paymentId, orderId })
        .uponReceiving('a refund of a payment already refunded in full')
        .withRequest('POST', `/api/v1/payments/${paymentId}/refunds`, (request) =>
          request.headers(orderHeaders(refundKeyOf(orderId))).jsonBody(refundBody),
        )
        .willRespondWith(409, (response) =>
          response
            .headers({ 'Content-Type': PROBLEM_JSON })
            .jsonBody({ code: equal('PAYMENT_ERR_NOT_REFUNDABLE') }),
        )
        .executeTest(async (mockServer) => {
          // Someone refunded it already: for the saga the refund is done, with no refund id.
          expect(await paymentAt(mockServer.url).refund(paymentId, refundKeyOf(orderId))).toEqual({
            kind: 'refunded',
            refundId: null,
          });
        });
    });

    it('learns that the refund was not made while the provider is unavailable', async () => {
      const orderId = '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a07';
      const paymentId = '2b7d9f1e-4c6a-4e8b-9d0f-1a2b3c4d5e07';
      await pact
        .addInteraction()
        .given('a payment {paymentId} succeeded for order {orderId}', { paymentId, orderId })
        .given('the payment provider is unavailable')
        .uponReceiving('a refund while the provider is unavailable')
        .withRequest('POST', `/api/v1/payments/${paymentId}/refunds`, (request) =>
          request.headers(orderHeaders(refundKeyOf(orderId))).jsonBody(refundBody),
        )
        .willRespondWith(503, (response) => response.headers({ 'Retry-After': RETRY_AFTER }))
        .executeTest(async (mockServer) => {
          expect(await paymentAt(mockServer.url).refund(paymentId, refundKeyOf(orderId))).toEqual({
            kind: 'unavailable',
            retryAfterSeconds: 5,
          });
        });
    });
  });
});
