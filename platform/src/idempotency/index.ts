/** Public surface of platform/src/idempotency: the Idempotency-Key middleware and its storage. */
export {
  idempotencyKey,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_REPLAYED_HEADER,
  type IdempotencyKeyOptions,
} from './idempotency-key.middleware';
export { IDEMPOTENCY_PROBLEMS, type IdempotencyProblemCode } from './idempotency-problems';
export { purgeExpiredIdempotencyKeys } from './idempotency-store';
export { canonicalJson, requestFingerprint } from './request-fingerprint';
