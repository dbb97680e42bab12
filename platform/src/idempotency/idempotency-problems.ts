/**
 * The problem+json answers of the Idempotency-Key middleware (platform/src/idempotency), in the
 * same RFC 9457 shape as platform/src/http's problem responder: type (derived from the code),
 * title, status, code, detail, instance and the request's correlation id.
 */
import type { Request, Response } from 'express';

const PROBLEM_BASE = 'https://docs.bazaar.dev/problems/';

export const IDEMPOTENCY_PROBLEMS = {
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency key reused with a different request' },
  IDEMPOTENCY_REQUEST_IN_PROGRESS: {
    status: 409,
    title: 'A request with this idempotency key is in progress',
  },
  VALIDATION_FAILED: { status: 400, title: 'Request validation failed' },
  UNAUTHORIZED: { status: 401, title: 'Authentication required' },
} as const;

export type IdempotencyProblemCode = keyof typeof IDEMPOTENCY_PROBLEMS;

/** Answers the request with the problem `code`. */
export function sendProblem(
  req: Request,
  res: Response,
  code: IdempotencyProblemCode,
  detail: string,
  headers: Record<string, string> = {},
): void {
  const { status, title } = IDEMPOTENCY_PROBLEMS[code];
  const correlationId: unknown = res.locals['correlationId'];
  const body = {
    type: `${PROBLEM_BASE}${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    code,
    detail,
    instance: req.originalUrl.split('?')[0],
    ...(typeof correlationId === 'string' ? { correlationId } : {}),
  };
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(status).type('application/problem+json').json(body);
}
