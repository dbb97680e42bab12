/**
 * How calls to the payment provider fail (services/payment/src/outbound): transient failures —
 * timeouts, 5xx, dropped connections, garbled answers — are retried and count against the
 * circuit breaker; a refusal (a 4xx other than a decline) is final and says nothing about the
 * provider's health.
 */
import { DeadlineExceededError } from '@bazaar/platform/resilience/index';

export type TransientKind = 'timeout' | 'server_error' | 'connection_error' | 'bad_answer';

/** The provider could not be used this time; trying again may work. */
export class ProviderUnavailableError extends Error {
  constructor(
    readonly kind: TransientKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProviderUnavailableError';
  }
}

/** The provider answered and refused the request (not a card decline); retrying will not help. */
export class ProviderRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly providerErrorType: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderRefusedError';
  }
}

/** Whether `error` from one call to the provider is worth retrying (and is a provider failure). */
export function isTransientProviderError(error: unknown): boolean {
  return error instanceof ProviderUnavailableError || error instanceof DeadlineExceededError;
}

/** The outcome label of a failed call for metrics and logs. */
export function failureKind(error: unknown): TransientKind | 'refused' | 'other' {
  if (error instanceof ProviderUnavailableError) return error.kind;
  if (error instanceof DeadlineExceededError) return 'timeout';
  if (error instanceof ProviderRefusedError) return 'refused';
  return 'other';
}
