/**
 * Pact matchers for the event envelope (contracts/asyncapi/_shared/envelope.yaml) around a payload,
 * shared by every service's message consumer tests. Each consumer validates a message against its
 * AsyncAPI schema before a handler sees it, so the envelope's fields are part of what it needs, by
 * type, not by value.
 */
import { MatchersV3 } from '@pact-foundation/pact';

const { equal, like, regex, uuid } = MatchersV3;

export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** An RFC 3339 UTC instant as producers write it (`Date.toISOString()`). */
export const instant = (example: string) => regex(ISO_INSTANT, example);

/** An ISO 4217 currency code. */
export const currency = (example = 'USD') => regex(/^[A-Z]{3}$/, example);

/** The catalog's SKU pattern (contracts/openapi/catalog.yaml, Sku). */
export const sku = (example: string) => regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, example);

export function envelopeLike(input: {
  /** Distinct per interaction, or the inbox would skip the second as a duplicate. */
  eventId: string;
  eventType: string;
  producer: string;
  partitionKey: string;
  /** Example occurredAt; any instant matches. */
  occurredAt?: string;
  payload: unknown;
}) {
  return {
    eventId: uuid(input.eventId),
    eventType: equal(input.eventType),
    occurredAt: instant(input.occurredAt ?? '2026-11-23T10:20:00.000Z'),
    producer: equal(input.producer),
    traceId: regex(/^[0-9a-f]{32}$/, '4bf92f3577b34da6a3ce929d0e0e4736'),
    correlationId: like('0f7e6d5c-4b3a-4291-8f7e-6d5c4b3a2918'),
    schemaVersion: regex(/^1\.\d+$/, '1.0'),
    partitionKey: like(input.partitionKey),
    payload: input.payload,
  };
}
