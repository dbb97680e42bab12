/**
 * Turns a domain InvalidFieldError into the 400 VALIDATION_FAILED problem the contract's
 * BadRequest response describes (services/identity/src/http), naming the field as the generated
 * validator does (`body.<field>`), so a rule the domain adds reads like a schema violation.
 */
import { problem, type ProblemDetails } from '@bazaar/generated/http/runtime/server-runtime';
import { InvalidFieldError } from '../domain/invalid-field.error';

export function invalidFieldProblem(
  err: InvalidFieldError,
  location: 'body' | 'path' = 'body',
): ProblemDetails & { status: 400 } {
  const field = `${location}.${err.field}`;
  return problem(400, 'VALIDATION_FAILED', 'Request validation failed', `${field} ${err.reason}`, {
    errors: [{ field, message: err.reason }],
  }) as ProblemDetails & { status: 400 };
}

/** Runs `fn`; an InvalidFieldError becomes `onInvalid(problem)`, anything else propagates. */
export async function orInvalidField<T>(
  fn: () => Promise<T>,
  onInvalid: (problem: ProblemDetails & { status: 400 }) => T,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof InvalidFieldError) return onInvalid(invalidFieldProblem(err));
    throw err;
  }
}
