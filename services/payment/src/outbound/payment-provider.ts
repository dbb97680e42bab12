/**
 * The payment provider as the use cases see it (services/payment/src/outbound): each charge or
 * refund is up to `maxAttempts` calls with exponential backoff and full jitter between them
 * (platform retry), each call bounded by a per-attempt timeout and all of them by one deadline,
 * through a circuit breaker that fails fast while the provider keeps failing. Only transient
 * failures are retried; a decline or a refusal is final. Results, not exceptions, come back.
 */
import {
  CircuitOpenError,
  withTimeout,
  retry,
  type CircuitBreaker,
  type Deadline,
} from '@bazaar/platform/resilience/index';
import type { Logger } from '@bazaar/platform/telemetry/index';
import { failureKind, isTransientProviderError, ProviderRefusedError } from './provider-errors';
import type { ChargeCall, ProviderClient, RefundCall } from './psp.http-client';
import type { PspMetrics, PspOperation } from './psp-metrics';

export interface ProviderCallPolicy {
  /** Calls per charge or refund, retries included. */
  maxAttempts: number;
  /** Longest one call may take, ms. */
  attemptTimeoutMs: number;
  /** Upper bound of the first retry delay, ms (full jitter: the delay is random below it). */
  backoffBaseMs: number;
  /** Upper bound of every retry delay, ms. */
  backoffMaxMs: number;
  /** Retry-After when every attempt failed but the circuit is still closed, s. */
  retryAfterSeconds: number;
}

/** The provider could not be used: `attempts` calls were made, try again after `retryAfterSeconds`. */
export interface Unavailable {
  kind: 'unavailable';
  attempts: number;
  retryAfterSeconds: number;
  /** Whether the circuit breaker stopped the calls (as opposed to every call failing). */
  circuitOpen: boolean;
}

export type ChargeResult =
  | { kind: 'approved'; providerChargeId: string; attempts: number }
  | { kind: 'declined'; declineCode: string; attempts: number }
  | Unavailable;

export type RefundResult =
  | { kind: 'refunded'; providerRefundId: string; attempts: number }
  | { kind: 'refused'; status: number; message: string; attempts: number }
  | Unavailable;

export interface PaymentProviderOptions {
  client: ProviderClient;
  breaker: CircuitBreaker;
  policy: ProviderCallPolicy;
  metrics: PspMetrics;
  logger: Logger;
  /** [0, 1) source for the jitter; injectable for tests. */
  random?: () => number;
}

type Attempted<T> =
  | { kind: 'answered'; value: T; attempts: number }
  | { kind: 'refused'; error: ProviderRefusedError; attempts: number }
  | Unavailable;

export class PaymentProvider {
  constructor(private readonly options: PaymentProviderOptions) {}

  /** Charges a card token; `call.idempotencyKey` is the same on every attempt. */
  async charge(call: ChargeCall, deadline: Deadline): Promise<ChargeResult> {
    const result = await this.attempt('charge', deadline, (signal) =>
      this.options.client.charge(call, signal),
    );
    if (result.kind === 'unavailable') return this.finish('charge', result, 'unavailable');
    // A charge the provider refuses (not a decline) means this client sent something wrong.
    if (result.kind === 'refused') throw result.error;
    const answer = result.value;
    return this.finish(
      'charge',
      answer.kind === 'approved'
        ? { kind: 'approved', providerChargeId: answer.chargeId, attempts: result.attempts }
        : { kind: 'declined', declineCode: answer.declineCode, attempts: result.attempts },
      answer.kind,
    );
  }

  /** Refunds part of a charge; `call.idempotencyKey` is the same on every attempt. */
  async refund(call: RefundCall, deadline: Deadline): Promise<RefundResult> {
    const result = await this.attempt('refund', deadline, (signal) =>
      this.options.client.refund(call, signal),
    );
    switch (result.kind) {
      case 'unavailable':
        return this.finish('refund', result, 'unavailable');
      case 'refused':
        return this.finish(
          'refund',
          {
            kind: 'refused',
            status: result.error.status,
            message: result.error.message,
            attempts: result.attempts,
          },
          'refused',
        );
      case 'answered':
        return this.finish(
          'refund',
          { kind: 'refunded', providerRefundId: result.value.refundId, attempts: result.attempts },
          'refunded',
        );
    }
  }

  private finish<R extends ChargeResult | RefundResult>(
    operation: PspOperation,
    result: R,
    label: string,
  ): R {
    this.options.metrics.attemptsPerRequest.observe({ operation, result: label }, result.attempts);
    return result;
  }

  /** The retry loop around the breaker around one timed call. */
  private async attempt<T>(
    operation: PspOperation,
    deadline: Deadline,
    call: (signal: AbortSignal) => Promise<T>,
  ): Promise<Attempted<T>> {
    const { breaker, policy, metrics, logger } = this.options;
    let attempts = 0;
    const timedCall = async (signal: AbortSignal): Promise<T> => {
      attempts += 1;
      const started = process.hrtime.bigint();
      let outcome = 'ok';
      try {
        const value = await withTimeout(
          (inner) => call(inner),
          Math.max(1, Math.min(policy.attemptTimeoutMs, deadline.remainingMs())),
          { signal, what: `payment provider ${operation}` },
        );
        outcome = operation === 'charge' ? (value as { kind: string }).kind : 'refunded';
        return value;
      } catch (error) {
        outcome = failureKind(error);
        throw error;
      } finally {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        metrics.callDuration.observe({ operation, outcome }, seconds);
        metrics.calls.inc({ operation, outcome });
      }
    };
    try {
      const value = await retry(({ signal }) => breaker.execute(timedCall, signal), {
        maxAttempts: policy.maxAttempts,
        baseDelayMs: policy.backoffBaseMs,
        maxDelayMs: policy.backoffMaxMs,
        deadline,
        shouldRetry: isTransientProviderError,
        ...(this.options.random ? { random: this.options.random } : {}),
        onRetry: ({ attempt, error, delayMs }) =>
          logger.warn(
            { operation, attempt, delayMs, failure: failureKind(error), err: error },
            'payment provider call failed; retrying',
          ),
      });
      return { kind: 'answered', value, attempts };
    } catch (error) {
      if (error instanceof ProviderRefusedError) return { kind: 'refused', error, attempts };
      if (error instanceof CircuitOpenError) {
        metrics.circuitRejections.inc({ operation });
        return {
          kind: 'unavailable',
          attempts,
          retryAfterSeconds: error.retryAfterSeconds,
          circuitOpen: true,
        };
      }
      if (!isTransientProviderError(error)) throw error;
      logger.warn(
        { operation, attempts, failure: failureKind(error), err: error },
        'payment provider unavailable after every attempt',
      );
      const openFor = breaker.retryAfterMs();
      return {
        kind: 'unavailable',
        attempts,
        retryAfterSeconds:
          openFor > 0 ? Math.max(1, Math.ceil(openFor / 1000)) : policy.retryAfterSeconds,
        circuitOpen: false,
      };
    }
  }
}
