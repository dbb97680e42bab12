/**
 * The one error the identity domain throws (services/identity/src/domain): a value breaks a rule,
 * and the error names the field at fault so the HTTP layer and the CLI can say which one.
 */
export class InvalidFieldError extends Error {
  override name = 'InvalidFieldError';

  constructor(
    /** The input field at fault, named as the contract names it (`email`, `password`, `roles`). */
    readonly field: string,
    /** Completes "<field> …", e.g. "must be at least 12 characters". */
    readonly reason: string,
  ) {
    super(`${field} ${reason}`);
  }
}
