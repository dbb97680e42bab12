/**
 * Express middleware for the `Idempotency-Key` header (platform/src/idempotency; architecture §4,
 * seed 003 §9). Keys are scoped to the caller (auth subject) and the operation, and stored with a
 * SHA-256 of the request (method, path, body) for 24 h:
 * - first request: claims the key, runs, and its response is stored before it is sent;
 * - same key, same request, within 24 h: the stored response, with `Idempotency-Replayed: true`;
 * - same key, other request: 422 IDEMPOTENCY_KEY_REUSED;
 * - same key while the first is still running: 409 IDEMPOTENCY_REQUEST_IN_PROGRESS;
 * - a 5xx (or a thrown error) releases the key, so the client can retry it.
 * Mount it after authentication and body parsing, before the handler.
 *
 * Limitation: the stored response is written after the handler's own transaction; if the process
 * dies in between, a retry after `staleAfterMs` runs the handler again. Handlers whose effects
 * must never repeat keep their own natural idempotency (e.g. unique order per key).
 */
import type { NextFunction, Request, Response } from 'express';
import type pg from 'pg';
import { sendProblem } from './idempotency-problems';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  purgeExpiredIdempotencyKeys,
  releaseIdempotencyKey,
  type IdempotencyScope,
} from './idempotency-store';
import { requestFingerprint } from './request-fingerprint';
import { captureResponse } from './response-capture';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_REPLAYED_HEADER = 'Idempotency-Replayed';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface IdempotencyKeyOptions {
  pool: pg.Pool;
  /**
   * The caller the key belongs to. Default: `res.locals.bazaarAuth.userId`, set by the generated
   * server binding after it verified the bearer token.
   */
  subject?: (req: Request, res: Response) => string | undefined;
  /** Names the operation the key is scoped to. Default: method and path (no query string). */
  operation?: string | ((req: Request) => string);
  /** How long a key and its response are kept, ms. Default 86400000 (24 h). */
  ttlMs?: number;
  /** A claim still in progress after this long is taken as abandoned (crashed process), ms. Default 60000. */
  staleAfterMs?: number;
  /** Answer 400 when the header is missing. Default true (the contract marks it required). */
  required?: boolean;
  /** Expired keys are purged at most this often, ms. Default 600000 (10 min). */
  purgeIntervalMs?: number;
  /** The clock; tests inject one. */
  now?: () => Date;
  /** Where failures to store or release a key are reported. */
  onStoreError?: (error: unknown) => void;
}

function pathOf(req: Request): string {
  return req.originalUrl.split('?')[0] ?? req.originalUrl;
}

function defaultSubject(_req: Request, res: Response): string | undefined {
  const auth: unknown = res.locals['bazaarAuth'];
  const userId = (auth as { userId?: unknown } | undefined)?.userId;
  return typeof userId === 'string' && userId !== '' ? userId : undefined;
}

/**
 * Creates the middleware.
 * @example router.post('/api/v1/orders', idempotencyKey({ pool }), placeOrder)
 */
export function idempotencyKey(options: IdempotencyKeyOptions) {
  const ttlMs = options.ttlMs ?? 86_400_000;
  const staleAfterMs = options.staleAfterMs ?? 60_000;
  const purgeIntervalMs = options.purgeIntervalMs ?? 600_000;
  for (const [name, value] of [
    ['ttlMs', ttlMs],
    ['staleAfterMs', staleAfterMs],
    ['purgeIntervalMs', purgeIntervalMs],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`idempotencyKey: ${name} must be a positive number of ms, got ${value}`);
  }
  const now = options.now ?? (() => new Date());
  const subjectOf = options.subject ?? defaultSubject;
  const operationOf =
    typeof options.operation === 'string'
      ? () => options.operation as string
      : (options.operation ?? ((req: Request) => `${req.method} ${pathOf(req)}`));
  const reportStoreError =
    options.onStoreError ??
    ((error: unknown) => process.stderr.write(`idempotency: ${String(error)}\n`));
  let lastPurge = 0;

  return async function idempotencyKey(
    req: Request,
    res: Response,
    next: NextFunction,
  ): Promise<void> {
    const key = req.get(IDEMPOTENCY_KEY_HEADER);
    if (key === undefined) {
      if (options.required === false) return next();
      return sendProblem(
        req,
        res,
        'VALIDATION_FAILED',
        `the ${IDEMPOTENCY_KEY_HEADER} header is required`,
      );
    }
    if (!KEY_PATTERN.test(key)) {
      return sendProblem(
        req,
        res,
        'VALIDATION_FAILED',
        `${IDEMPOTENCY_KEY_HEADER} must be 1 to 255 visible ASCII characters`,
      );
    }
    const subject = subjectOf(req, res);
    if (!subject) {
      return sendProblem(
        req,
        res,
        'UNAUTHORIZED',
        `${IDEMPOTENCY_KEY_HEADER} requires an authenticated caller`,
      );
    }
    const scope: IdempotencyScope = { subject, operation: operationOf(req), key };
    const at = now();
    try {
      if (at.getTime() - lastPurge >= purgeIntervalMs) {
        lastPurge = at.getTime();
        void purgeExpiredIdempotencyKeys(options.pool, at).catch(reportStoreError);
      }
      const claim = await claimIdempotencyKey(options.pool, {
        ...scope,
        requestHash: requestFingerprint(req.method, pathOf(req), req.body),
        now: at,
        ttlMs,
        staleAfterMs,
      });
      switch (claim.kind) {
        case 'mismatch':
          return sendProblem(
            req,
            res,
            'IDEMPOTENCY_KEY_REUSED',
            `${IDEMPOTENCY_KEY_HEADER} "${key}" was already used with a different request`,
          );
        case 'in-progress':
          return sendProblem(
            req,
            res,
            'IDEMPOTENCY_REQUEST_IN_PROGRESS',
            `a request with ${IDEMPOTENCY_KEY_HEADER} "${key}" is still being processed; retry later`,
            { 'Retry-After': '1' },
          );
        case 'replay': {
          res.status(claim.response.status);
          for (const [name, value] of Object.entries(claim.response.headers)) {
            if (!res.hasHeader(name)) res.setHeader(name, value);
          }
          res.setHeader(IDEMPOTENCY_REPLAYED_HEADER, 'true');
          res.end(claim.response.body);
          return;
        }
        case 'claimed':
          captureResponse(res, async (response) => {
            try {
              if (response.status >= 500)
                await releaseIdempotencyKey(options.pool, scope, claim.token);
              else await completeIdempotencyKey(options.pool, scope, claim.token, response);
            } catch (error) {
              reportStoreError(error);
            }
          });
          return next();
      }
    } catch (error) {
      next(error);
    }
  };
}
