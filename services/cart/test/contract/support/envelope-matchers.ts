/**
 * Pact matchers for the event envelope (contracts/asyncapi/_shared/envelope.yaml) around a
 * payload. The cart's consumer validates every message against its AsyncAPI schema before a
 * handler sees it, so the envelope's fields are part of what cart needs, by type, not by value.
 */
import { MatchersV3 } from '@pact-foundation/pact';

const { equal, like, regex, uuid } = MatchersV3;

export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** An RFC 3339 UTC instant as the producers write it (`Date.toISOString()`). */
export function instant(example: string) {
  return regex(ISO_INSTANT, example);
}

export function envelopeLike(input: {
  /** Example eventId: distinct per interaction, or the inbox would skip the second as a duplicate. */
  eventId: string;
  eventType: string;
  producer: string;
  partitionKey: string;
  payload: unknown;
}) {
  return {
    eventId: uuid(input.eventId),
    eventType: equal(input.eventType),
    occurredAt: instant('2026-11-23T10:20:00.000Z'),
    producer: equal(input.producer),
    traceId: regex(/^[0-9a-f]{32}$/, 'd28fc354f1079f45bfd5c61a74871804'),
    correlationId: like('4849ea1c-6b01-4391-a7d9-4082b97a3be5'),
    schemaVersion: regex(/^1\.\d+$/, '1.0'),
    partitionKey: like(input.partitionKey),
    payload: input.payload,
  };
}
