/**
 * A small HTTP caller for the orders API in tests: sends a bearer token, JSON bodies and headers
 * (Idempotency-Key…), and returns the status, headers and parsed body, so tests assert on exactly
 * what a client would see.
 */
import { randomUUID } from 'node:crypto';

export interface ApiResponse<Body = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: Body;
}

export interface HttpApi {
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiResponse>;
  /** POST /api/v1/orders with a fresh (or the given) Idempotency-Key. */
  placeOrder(token: string, body: unknown, idempotencyKey?: string): Promise<ApiResponse>;
  /** POST /api/v1/orders/{id}/pay with a fresh (or the given) Idempotency-Key. */
  payOrder(
    token: string,
    orderId: string,
    cardToken: string,
    idempotencyKey?: string,
  ): Promise<ApiResponse>;
  getOrder(token: string, orderId: string): Promise<ApiResponse>;
}

export function httpApi(baseUrl: string): HttpApi {
  const call: HttpApi['call'] = async (method, path, options = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    };
  };
  return {
    call,
    placeOrder: (token, body, idempotencyKey = randomUUID()) =>
      call('POST', '/api/v1/orders', {
        token,
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    payOrder: (token, orderId, cardToken, idempotencyKey = randomUUID()) =>
      call('POST', `/api/v1/orders/${orderId}/pay`, {
        token,
        body: { paymentMethod: { type: 'card', token: cardToken } },
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    getOrder: (token, orderId) => call('GET', `/api/v1/orders/${orderId}`, { token }),
  };
}
