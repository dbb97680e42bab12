/**
 * The fingerprint of an HTTP request for Idempotency-Key checks (platform/src/idempotency): SHA-256
 * of the canonical JSON of method, path and parsed body, so the same request with its JSON keys in
 * another order or other whitespace counts as the same request.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level (arrays keep their order; undefined is dropped). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Hex SHA-256 of method (upper-case), path (no query string) and body. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(canonicalJson({ method: method.toUpperCase(), path, body: body ?? null }))
    .digest('hex');
}
