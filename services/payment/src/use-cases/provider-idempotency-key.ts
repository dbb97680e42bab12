/**
 * The idempotency key a charge or refund is sent to the provider with (services/payment/src/
 * use-cases): derived from the caller, its Idempotency-Key and the request, so every attempt and
 * every retry of the same request reuses it (the provider then moves money once), while a new
 * Idempotency-Key or another body is a new charge.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@bazaar/platform/idempotency/index';

export interface ProviderKeyParts {
  operation: 'charge' | 'refund';
  /** The authenticated caller (token subject). */
  caller: string;
  /** The request's Idempotency-Key header. */
  idempotencyKey: string;
  /** What identifies the request beyond the key: path parameters and body. */
  request: unknown;
}

export function providerIdempotencyKey(parts: ProviderKeyParts): string {
  return `bazaar-${parts.operation}-${createHash('sha256').update(canonicalJson(parts)).digest('hex')}`;
}
