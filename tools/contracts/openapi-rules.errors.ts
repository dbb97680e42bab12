// The error-response rule of Bazaar's OpenAPI rules (openapi-rules.ts): every 4xx/5xx answer is
// RFC 9457 `application/problem+json` with the shared Problem schema, except what the gateway
// answers itself in Kong's format (413 and 429 only `application/json` GatewayError; 401 either).
import { asObject, isObject, joinPointer } from './contract-types';
import { type Operation } from './openapi-model';
import type { RuleInput } from './openapi-rules';

export type Report = (pointer: string, rule: string, message: string) => void;

/** Statuses the gateway answers itself, in Kong's format (kong-gateway.md). */
const GATEWAY_ONLY = new Set(['413', '429']);

/** Same JSON value (prototypes ignored); terminates because `expected` is a finite tree. */
function sameJson(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((v, i) => sameJson(actual[i], v))
    );
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return false;
    const keys = Object.keys(expected);
    return (
      keys.length === Object.keys(actual).length &&
      keys.every((k) => k in actual && sameJson(actual[k], expected[k]))
    );
  }
  return actual === expected;
}

/** The shared schema itself, an extension of it (allOf), or a choice among such (oneOf/anyOf). */
function isSchema(schema: unknown, expected: unknown): boolean {
  if (sameJson(schema, expected)) return true;
  const { allOf, oneOf, anyOf } = asObject(schema);
  if (Array.isArray(allOf) && allOf.some((part) => isSchema(part, expected))) return true;
  const choice = Array.isArray(oneOf) ? oneOf : anyOf;
  return (
    Array.isArray(choice) &&
    choice.length > 0 &&
    choice.every((branch) => isSchema(branch, expected))
  );
}

export function checkErrorResponses(input: RuleInput, op: Operation, report: Report): void {
  for (const [status, response] of Object.entries(asObject(op.operation.responses))) {
    if (!/^([45](\d\d|XX)|default)$/.test(status)) continue;
    const at = joinPointer(op.pointer, 'responses', status);
    const content = asObject(asObject(response).content);
    const allowed = GATEWAY_ONLY.has(status)
      ? { 'application/json': input.gatewayError }
      : status === '401'
        ? { 'application/problem+json': input.problem, 'application/json': input.gatewayError }
        : { 'application/problem+json': input.problem };
    const required = GATEWAY_ONLY.has(status) ? 'application/json' : 'application/problem+json';
    if (!(required in content)) {
      const what = GATEWAY_ONLY.has(status)
        ? 'the gateway answers it as application/json GatewayError'
        : 'errors are application/problem+json Problem';
      report(at, 'error-media-type', `${status} response lacks ${required} (${what})`);
    }
    for (const [mediaType, media] of Object.entries(content)) {
      const mediaAt = joinPointer(at, 'content', mediaType);
      if (!(mediaType in allowed)) {
        report(
          mediaAt,
          'error-media-type',
          `${status} response may not use ${mediaType} (allowed: ${Object.keys(allowed).join(', ')})`,
        );
      } else if (!isSchema(asObject(media).schema, allowed[mediaType as keyof typeof allowed])) {
        const schemaName = mediaType === 'application/json' ? 'GatewayError' : 'Problem';
        report(
          joinPointer(mediaAt, 'schema'),
          'error-schema',
          `${status} ${mediaType} must use the shared ${schemaName} schema`,
        );
      }
    }
  }
}
