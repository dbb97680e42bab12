/**
 * The inventory domain's own errors: a request that names a field wrongly, and a change that
 * would break a stock invariant (a bug if it ever escapes the business checks before it).
 */

/** One field of a request is missing or out of range; `field` names it as the caller wrote it. */
export class InvalidFieldError extends Error {
  override name = 'InvalidFieldError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** A change would make on hand, reserved or available stock negative (or overflow). */
export class InvariantViolation extends Error {
  override name = 'InvariantViolation';
}
