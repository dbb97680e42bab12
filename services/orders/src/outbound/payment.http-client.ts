/**
 * Orders' client of the payment service (contracts/openapi/payment.yaml: createPayment,
 * refundPayment; internal, role `service`), through the generated payment client only. Every
 * charge and refund carries an Idempotency-Key the saga derived from the order, so repeating one
 * after a crash or a lost answer charges or refunds nothing twice. Answers are mapped to outcomes
 * the saga records; an answer whose effect is unknown (timeout, a request still running at
 * payment, a 5xx other than 503) is `unknown`, and the saga asks again later with the same key.
 * Built from a base URL and a token supplier, so a Pact consumer test can point it at a mock.
 */
import {
  createPaymentClient,
  type PaymentClient,
  type PaymentProblem,
} from '@bazaar/generated/http/payment/client';
import { ProblemError } from '@bazaar/generated/http/runtime/client-runtime';
import { currentCorrelationId, currentTraceparent } from '@bazaar/platform/telemetry/index';
import type { Money } from '../domain/money';

export interface PaymentHttpClientOptions {
  baseUrl: string;
  /** A `service` token (identity's issueServiceToken), fetched per request. */
  token: () => Promise<string>;
  /** Told when payment answered 401, so the token source can renew before the retry. */
  onUnauthorized?: () => void;
  /** Per-request timeout, ms; more than payment's own provider budget (default 20 000). */
  timeoutMs?: number;
  fetch?: (input: Request) => Promise<Response>;
}

export interface ChargeRequest {
  orderId: string;
  customerId: string;
  amount: Money;
  paymentMethod: { type: 'card'; token: string };
  idempotencyKey: string;
}

export type ChargeResult =
  | { kind: 'succeeded'; paymentId: string }
  | { kind: 'declined'; paymentId: string; declineCode: string | null }
  | { kind: 'unavailable'; retryAfterSeconds: number | undefined }
  /** Payment already holds a succeeded payment of this order (its event will say which). */
  | { kind: 'already-paid' }
  | { kind: 'unknown'; reason: string };

export type RefundResult =
  | { kind: 'refunded'; refundId: string | null }
  | { kind: 'unavailable'; retryAfterSeconds: number | undefined }
  | { kind: 'unknown'; reason: string };

/** Payment refused the request itself (bad token, bad body): retrying will not help. */
export class PaymentRefusedError extends Error {
  override readonly name = 'PaymentRefusedError';
}

function retryAfterOf(response: Response): number | undefined {
  const value = Number(response.headers.get('Retry-After'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function field(problem: PaymentProblem | undefined, name: string): unknown {
  return (problem as Record<string, unknown> | undefined)?.[name];
}

export class PaymentHttpClient {
  private readonly client: PaymentClient;

  constructor(private readonly options: PaymentHttpClientOptions) {
    this.client = createPaymentClient({
      baseUrl: options.baseUrl,
      token: options.token,
      correlationId: currentCorrelationId,
      traceparent: currentTraceparent,
      timeoutMs: options.timeoutMs ?? 20_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /** Runs `call` once more when payment answered 401 (an expired service token, renewed meanwhile). */
  private async authenticated<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ProblemError) || error.status !== 401) throw error;
      this.options.onUnauthorized?.();
      return call();
    }
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    try {
      const payment = await this.authenticated(() =>
        this.client.createPayment({
          params: { header: { 'Idempotency-Key': request.idempotencyKey } },
          body: {
            orderId: request.orderId,
            customerId: request.customerId,
            amount: { amount: request.amount.amount, currency: request.amount.currency },
            paymentMethod: request.paymentMethod,
          },
        }),
      );
      return { kind: 'succeeded', paymentId: payment.id };
    } catch (error) {
      if (!(error instanceof ProblemError)) return { kind: 'unknown', reason: String(error) };
      const problem = error.problem as PaymentProblem | undefined;
      if (error.status === 402) {
        const declineCode = field(problem, 'declineCode');
        return {
          kind: 'declined',
          paymentId: String(field(problem, 'paymentId')),
          declineCode: typeof declineCode === 'string' ? declineCode : null,
        };
      }
      if (error.status === 503 && error.code === 'PAYMENT_ERR_PROVIDER_UNAVAILABLE')
        return { kind: 'unavailable', retryAfterSeconds: retryAfterOf(error.response) };
      if (error.status === 409 && error.code === 'PAYMENT_ERR_ORDER_ALREADY_PAID')
        return { kind: 'already-paid' };
      if (error.status === 409 || error.status >= 500)
        return { kind: 'unknown', reason: error.message };
      throw new PaymentRefusedError(`createPayment: ${error.message}`, { cause: error });
    }
  }

  /** Refunds everything not refunded yet of `paymentId` (reason ORDER_CANCELED). */
  async refund(paymentId: string, idempotencyKey: string): Promise<RefundResult> {
    try {
      const refund = await this.authenticated(() =>
        this.client.refundPayment({
          params: { path: { paymentId }, header: { 'Idempotency-Key': idempotencyKey } },
          body: { reason: 'ORDER_CANCELED' },
        }),
      );
      return { kind: 'refunded', refundId: refund.id };
    } catch (error) {
      if (!(error instanceof ProblemError)) return { kind: 'unknown', reason: String(error) };
      // Nothing left to refund: someone (an admin at payment) refunded it in full already.
      if (error.status === 409 && error.code === 'PAYMENT_ERR_NOT_REFUNDABLE')
        return { kind: 'refunded', refundId: null };
      if (error.status === 503)
        return { kind: 'unavailable', retryAfterSeconds: retryAfterOf(error.response) };
      if (error.status === 409 || error.status >= 500)
        return { kind: 'unknown', reason: error.message };
      throw new PaymentRefusedError(`refundPayment: ${error.message}`, { cause: error });
    }
  }
}
