/**
 * The HTTP client of the payment provider's API (services/payment/src/outbound;
 * services/psp-simulator/openapi.yaml): one call per method, no retries here. It turns answers
 * into results (approved, declined, refunded) or into ProviderUnavailableError /
 * ProviderRefusedError, and honours the abort signal so a per-attempt timeout really ends the call.
 */
import { Pool } from 'undici';
import { ProviderRefusedError, ProviderUnavailableError } from './provider-errors';

export interface ChargeCall {
  amount: number;
  currency: string;
  token: string;
  idempotencyKey: string;
}

export type ChargeAnswer =
  { kind: 'approved'; chargeId: string } | { kind: 'declined'; declineCode: string };

export interface RefundCall {
  chargeId: string;
  amount: number;
  idempotencyKey: string;
}

export interface RefundAnswer {
  refundId: string;
}

interface ProviderError {
  error?: { type?: unknown; message?: unknown };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The provider calls the resilience layer wraps (PspClient over HTTP; fakes in unit tests). */
export interface ProviderClient {
  charge(call: ChargeCall, signal: AbortSignal): Promise<ChargeAnswer>;
  refund(call: RefundCall, signal: AbortSignal): Promise<RefundAnswer>;
}

export class PspClient implements ProviderClient {
  private readonly pool: Pool;

  constructor(baseUrl: string, options: { connections?: number } = {}) {
    this.pool = new Pool(new URL(baseUrl).origin, {
      connections: options.connections ?? 64,
      // The per-attempt timeout ends calls; these only stop undici from holding dead sockets forever.
      headersTimeout: 120_000,
      bodyTimeout: 120_000,
    });
  }

  async charge(call: ChargeCall, signal: AbortSignal): Promise<ChargeAnswer> {
    const { status, body } = await this.post('/v1/charges', call, signal);
    if ((status === 201 || status === 402) && isObject(body)) {
      if (status === 201 && body['status'] === 'approved' && typeof body['id'] === 'string')
        return { kind: 'approved', chargeId: body['id'] };
      if (status === 402 && body['status'] === 'declined')
        return {
          kind: 'declined',
          declineCode: typeof body['declineCode'] === 'string' ? body['declineCode'] : 'declined',
        };
    }
    throw this.failure(status, body);
  }

  async refund(call: RefundCall, signal: AbortSignal): Promise<RefundAnswer> {
    const { status, body } = await this.post('/v1/refunds', call, signal);
    if (status === 201 && isObject(body) && typeof body['id'] === 'string')
      return { refundId: body['id'] };
    throw this.failure(status, body);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async post(
    path: string,
    payload: unknown,
    signal: AbortSignal,
  ): Promise<{ status: number; body: unknown }> {
    let response;
    try {
      response = await this.pool.request({
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(payload),
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw signal.reason ?? error;
      throw new ProviderUnavailableError(
        'connection_error',
        `payment provider unreachable: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const text = await response.body.text().catch((error: unknown) => {
      if (signal.aborted) throw signal.reason ?? error;
      throw new ProviderUnavailableError('connection_error', 'payment provider answer cut off', {
        cause: error,
      });
    });
    try {
      return { status: response.statusCode, body: text === '' ? undefined : JSON.parse(text) };
    } catch {
      if (response.statusCode >= 500) return { status: response.statusCode, body: undefined };
      throw new ProviderUnavailableError(
        'bad_answer',
        `payment provider answered ${response.statusCode} with a body that is not JSON`,
      );
    }
  }

  private failure(status: number, body: unknown): Error {
    const error = isObject(body) ? (body as ProviderError).error : undefined;
    const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
    if (status >= 500 || status === 429 || status === 408)
      return new ProviderUnavailableError('server_error', `payment provider failed: ${message}`);
    if (status >= 400)
      return new ProviderRefusedError(
        status,
        typeof error?.type === 'string' ? error.type : 'unknown',
        message,
      );
    return new ProviderUnavailableError(
      'bad_answer',
      `payment provider answered ${status} with an unexpected body`,
    );
  }
}
