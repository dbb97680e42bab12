/**
 * Small HTTP helpers for payment's integration suites: JSON requests with a bearer token and an
 * Idempotency-Key, answers with status, headers and parsed body, and request bodies per contract.
 */
import { randomUUID } from 'node:crypto';

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function call(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  options: {
    token?: string;
    idempotencyKey?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

export interface NewPaymentBody {
  orderId: string;
  customerId: string;
  amount: { amount: number; currency: string };
  paymentMethod: { type: 'card'; token: string };
}

export function newPayment(
  overrides: Partial<NewPaymentBody> & { token?: string } = {},
): NewPaymentBody {
  const { token, ...rest } = overrides;
  return {
    orderId: randomUUID(),
    customerId: randomUUID(),
    amount: { amount: 2598, currency: 'USD' },
    paymentMethod: { type: 'card', token: token ?? 'tok_visa' },
    ...rest,
  };
}

/** createPayment as orders calls it: a service token and a fresh Idempotency-Key. */
export function charge(
  baseUrl: string,
  serviceToken: string,
  body: NewPaymentBody,
  idempotencyKey: string = randomUUID(),
): Promise<Answer> {
  return call(baseUrl, 'POST', '/api/v1/payments', { token: serviceToken, idempotencyKey, body });
}
