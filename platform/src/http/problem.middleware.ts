/**
 * The last two middlewares of every service app (platform/src/http): an unknown route becomes a
 * 404 problem, and every error is answered as `application/problem+json` (RFC 9457) with the
 * request path as `instance` and the correlation id; server errors are logged with their cause.
 */
import { type NextFunction, type Request, type Response } from 'express';
import { ContractProblem, problem } from '@bazaar/generated/http/runtime/server-runtime';
import { type Logger } from '../telemetry/logger';
import { toContractProblem } from './problem-mapping';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** `WWW-Authenticate` sent with a 401 that does not bring its own (RFC 9110 §11.6.1 requires one). */
export const DEFAULT_WWW_AUTHENTICATE = 'Bearer realm="bazaar"';

function pathOf(req: Request): string {
  return req.originalUrl.split('?')[0] ?? req.originalUrl;
}

/** Answers every request no route took with a 404 NOT_FOUND problem. */
export function notFound() {
  return function notFound(req: Request, _res: Response, next: NextFunction): void {
    next(
      new ContractProblem(
        problem(
          404,
          'NOT_FOUND',
          'Resource not found',
          `no route matches ${req.method} ${pathOf(req)}`,
        ),
      ),
    );
  };
}

export interface ProblemResponderOptions {
  logger: Logger;
}

/** Error middleware: renders any error as a problem; see toContractProblem for the mapping. */
export function problemResponder(options: ProblemResponderOptions) {
  return function problemResponder(
    err: unknown,
    req: Request,
    res: Response,
    next: NextFunction,
  ): void {
    const contractProblem = toContractProblem(err);
    const details = contractProblem.problem;
    if (details.status >= 500) {
      // The cause goes to the log only: the response says nothing about it.
      options.logger.error(
        { err: contractProblem.cause ?? err, code: details.code, path: pathOf(req) },
        'request failed with a server error',
      );
    } else {
      options.logger.debug(
        { code: details.code, detail: details.detail, status: details.status },
        'request rejected',
      );
    }
    if (res.headersSent) {
      // Too late for a problem body; express's default handler closes the connection.
      next(err);
      return;
    }
    for (const [name, value] of Object.entries(contractProblem.headers)) res.setHeader(name, value);
    if (details.status === 401 && !res.hasHeader('WWW-Authenticate')) {
      res.setHeader('WWW-Authenticate', DEFAULT_WWW_AUTHENTICATE);
    }
    const correlationId: unknown = res.locals['correlationId'];
    const body = {
      ...details,
      instance: details['instance'] ?? pathOf(req),
      ...(typeof correlationId === 'string' ? { correlationId } : {}),
    };
    res.status(details.status).type(PROBLEM_CONTENT_TYPE).json(body);
  };
}
