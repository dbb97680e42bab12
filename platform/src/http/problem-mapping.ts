/**
 * Turns anything a request can fail with into an RFC 9457 problem (platform/src/http): contract
 * problems pass through, body-parser and validator errors become 400/413/415 problems naming what
 * was wrong, and everything else becomes a 500 that discloses nothing.
 */
import {
  ContractProblem,
  problem,
  toFieldName,
  type ProblemDetails,
} from '@bazaar/generated/http/runtime/server-runtime';

/** Problem code and title per client-error status, for errors that carry only a status. */
const CLIENT_ERRORS: Readonly<Record<number, { code: string; title: string }>> = {
  400: { code: 'VALIDATION_FAILED', title: 'Request validation failed' },
  401: { code: 'UNAUTHORIZED', title: 'Authentication required' },
  403: { code: 'FORBIDDEN', title: 'Forbidden' },
  404: { code: 'NOT_FOUND', title: 'Resource not found' },
  405: { code: 'METHOD_NOT_ALLOWED', title: 'Method not allowed' },
  409: { code: 'CONFLICT', title: 'Conflict' },
  413: { code: 'PAYLOAD_TOO_LARGE', title: 'Payload too large' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported media type' },
};

/** The fields of http-errors (body-parser) and express-openapi-validator errors read here. */
interface HttpErrorLike {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  expose?: unknown;
  message?: unknown;
  limit?: unknown;
  headers?: unknown;
  errors?: unknown;
}

function isProblemLike(
  err: unknown,
): err is { problem: ProblemDetails; headers?: Record<string, string> } {
  const candidate = (err as { problem?: Partial<ProblemDetails> } | null)?.problem;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.status === 'number' &&
    typeof candidate.code === 'string' &&
    typeof candidate.type === 'string' &&
    typeof candidate.title === 'string'
  );
}

function stringHeaders(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

function fieldErrors(errors: unknown): { field: string; message: string }[] {
  if (!Array.isArray(errors)) return [];
  return errors
    .filter(
      (e): e is { path: string; message: string } =>
        typeof e?.path === 'string' && typeof e?.message === 'string',
    )
    .map((e) => ({ field: toFieldName(e.path), message: e.message }));
}

function clientProblem(status: number, err: HttpErrorLike): ContractProblem {
  const message = typeof err.message === 'string' ? err.message : undefined;
  const headers = stringHeaders(err.headers);
  switch (err.type) {
    case 'entity.parse.failed':
      return new ContractProblem(
        problem(
          400,
          'VALIDATION_FAILED',
          'Request validation failed',
          `request body is not valid JSON: ${message}`,
          {
            errors: [{ field: 'body', message: 'is not valid JSON' }],
          },
        ),
        { cause: err },
      );
    case 'entity.too.large':
      return new ContractProblem(
        problem(
          413,
          'PAYLOAD_TOO_LARGE',
          'Payload too large',
          `request body exceeds the limit of ${String(err.limit)} bytes`,
        ),
        { cause: err },
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ContractProblem(
        problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', message),
        { cause: err },
      );
  }
  const known = CLIENT_ERRORS[status] ?? { code: 'BAD_REQUEST', title: 'Bad request' };
  const errors = fieldErrors(err.errors);
  if (status === 400 && errors.length > 0) {
    const detail = errors.map((e) => `${e.field} ${e.message}`).join('; ');
    return new ContractProblem(problem(400, known.code, known.title, detail, { errors }), {
      headers,
      cause: err,
    });
  }
  // http-errors marks messages safe to show with `expose` (true for 4xx by default).
  const detail = err.expose === false ? undefined : message;
  return new ContractProblem(problem(status, known.code, known.title, detail), {
    headers,
    cause: err,
  });
}

/** The problem to answer `err` with. Unknown errors become 500 INTERNAL with `err` as the cause. */
export function toContractProblem(err: unknown): ContractProblem {
  if (err instanceof ContractProblem) return err;
  if (isProblemLike(err))
    return new ContractProblem(err.problem, { headers: stringHeaders(err.headers), cause: err });
  if (typeof err === 'object' && err !== null) {
    const httpError = err as HttpErrorLike;
    const status = httpError.status ?? httpError.statusCode;
    if (typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 500) {
      return clientProblem(status, httpError);
    }
  }
  return new ContractProblem(problem(500, 'INTERNAL', 'Internal server error'), { cause: err });
}
