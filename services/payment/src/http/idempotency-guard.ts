/**
 * Puts the platform's Idempotency-Key middleware in front of the operations that move money
 * (services/payment/src/http; contract: createPayment, refundPayment), AFTER authentication, the
 * role check and request validation, so that — as the contract says — a 400, 401 or 403 is never
 * stored and a corrected request may reuse its key. The generated binding runs auth and
 * validation before the handler but offers no hook between them, so this route repeats the two
 * checks (the same contract, the same authenticate function) ahead of it: a request failing them
 * skips the middleware and gets its answer from the binding as usual.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { Authenticate, OperationMeta } from '@bazaar/generated/http/runtime/server-runtime';
import { idempotencyKey } from '@bazaar/platform/idempotency/index';
import type pg from 'pg';

export interface IdempotencyGuardOptions {
  pool: pg.Pool;
  authenticate: Authenticate;
  /** The bundled contract (generated/http/<svc>/spec.ts). */
  spec: unknown;
  /** The operations to guard, from generated/http/<svc>/operations.ts. */
  operations: readonly OperationMeta[];
  /** Same as the binding's limit; default 1 MiB. */
  jsonBodyLimitBytes?: number;
}

function toExpressPath(contractPath: string): string {
  return contractPath.replace(/\{([^}]+)\}/g, ':$1');
}

/** Skips to the binding's own route (which answers 401/403) unless the caller may call `op`. */
function permittedCaller(op: OperationMeta, authenticate: Authenticate) {
  return async function permittedCaller(
    req: Request,
    res: Response,
    next: NextFunction,
  ): Promise<void> {
    const auth = await authenticate(req).catch(() => undefined);
    if (!auth || (op.roles.length > 0 && !op.roles.some((role) => auth.roles.includes(role)))) {
      next('route');
      return;
    }
    res.locals['bazaarAuth'] = auth;
    next();
  };
}

/** Mounts the guard for each operation; call before mount<Service>Api on the same router. */
export function mountIdempotencyGuard(router: Router, options: IdempotencyGuardOptions): void {
  const json = express.json({
    type: ['application/json', 'application/*+json'],
    limit: options.jsonBodyLimitBytes ?? 1024 * 1024,
  });
  // Same settings as the generated binding, so both validations agree; failures go on to the
  // binding's error middleware and come out as its 400 problem.
  const validate = OpenApiValidator.middleware({
    apiSpec: structuredClone(options.spec) as never,
    validateRequests: { allowUnknownQueryParameters: false, coerceTypes: true, allErrors: true },
    validateResponses: false,
    validateSecurity: false,
    ignoreUndocumented: true,
    validateFormats: true,
    ajvFormats: { mode: 'full' },
  });
  const guard = idempotencyKey({ pool: options.pool });
  for (const op of options.operations) {
    router[op.method](
      toExpressPath(op.path),
      json,
      permittedCaller(op, options.authenticate),
      validate,
      guard,
    );
  }
}
