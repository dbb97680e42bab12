/**
 * Runtime behind every generated server binding (generated/http/<service>/server.ts): mounts one
 * express route per contract operation behind express-openapi-validator, authenticates, enforces
 * `x-bazaar-roles`, calls the typed handler and writes its typed reply.
 */
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import * as OpenApiValidator from 'express-openapi-validator';

/** One invalid field of a rejected request: `body.items[0].quantity`, `query.page`, ... */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details as every Bazaar service writes them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Thrown (or passed to `next`) to answer with `application/problem+json`. */
export class ContractProblem extends Error {
  readonly problem: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    problem: ProblemDetails,
    options: { headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(problem.detail ?? problem.title, { cause: options.cause });
    this.name = 'ContractProblem';
    this.problem = problem;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return this.problem.status;
  }
}

const PROBLEM_BASE = 'https://docs.bazaar.dev/problems/';

/** Builds a problem whose `type` is derived from its code (VALIDATION_FAILED → .../validation-failed). */
export function problem(
  status: number,
  code: string,
  title: string,
  detail?: string,
  extensions: Record<string, unknown> = {},
): ProblemDetails {
  const slug = code.toLowerCase().replace(/_/g, '-');
  return {
    type: `${PROBLEM_BASE}${slug}`,
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    ...extensions,
  };
}

/** The caller, as established from its bearer token. */
export interface AuthContext {
  userId: string;
  roles: readonly string[];
  token: string;
  claims: Readonly<Record<string, unknown>>;
}

/** Resolves the caller: `undefined` without credentials; throws a 401 ContractProblem for bad ones. */
export type Authenticate = (req: Request) => Promise<AuthContext | undefined>;

export interface MountOptions {
  authenticate: Authenticate;
  /** Validate every response against the contract (do it everywhere but production). */
  validateResponses: boolean;
  /** Largest JSON body accepted, in bytes (the gateway enforces the public limit). Default 1 MiB. */
  jsonBodyLimitBytes?: number;
  /**
   * Express middleware to run for one operation after authentication and request validation,
   * right before its handler (e.g. the Idempotency-Key middleware on money-moving operations,
   * which must never store a 400, 401 or 403), keyed by operationId.
   */
  operationMiddleware?: Readonly<Record<string, readonly RequestHandler[]>>;
}

/** What the generator knows about each operation (generated/http/<service>/operations.ts). */
export interface OperationMeta {
  operationId: string;
  method: 'get' | 'put' | 'post' | 'patch' | 'delete';
  /** Contract path, e.g. /api/v1/products/{productId}. */
  path: string;
  secured: boolean;
  roles: readonly string[];
  headerParameters: readonly string[];
  /** Status code → content type the reply body is written with (absent: no body). */
  responseContentTypes: Readonly<Record<string, string>>;
}

/** The typed request a handler receives. */
export interface HandlerInput<Path, Query, Headers, Body, Auth> {
  path: Path;
  query: Query;
  headers: Headers;
  body: Body;
  auth: Auth;
  /** The raw request, for what the contract does not type (remote address, trace headers...). */
  req: Request;
}

/** What one status of an operation answers with: its body (undefined: none) and headers. */
export interface ReplySpec {
  body: unknown;
  headers: Record<string, string | undefined>;
}

declare const REPLIED: unique symbol;

/**
 * A reply made by the operation's `reply` function. Handlers can only return these, so every
 * body passes through `reply`'s parameters, where TypeScript checks it exactly (excess
 * properties included) against the contract's response for that status.
 */
export interface Replied<Replies> {
  readonly [REPLIED]: Replies;
}

/** `reply(status, body, headers?)`; for a status without content: `reply(status)`. */
export type Responder<Replies extends Record<number, ReplySpec>> = <
  Status extends keyof Replies & number,
>(
  status: Status,
  ...rest: Replies[Status]['body'] extends undefined
    ? [body?: undefined, headers?: Replies[Status]['headers']]
    : [body: Replies[Status]['body'], headers?: Replies[Status]['headers']]
) => Replied<Replies>;

interface ReplyValue {
  status: number;
  body?: unknown;
  headers?: Record<string, string | undefined>;
}

function makeReply(
  status: number,
  body?: unknown,
  headers?: Record<string, string | undefined>,
): ReplyValue {
  return { status, body, headers };
}

type AnyHandler = (
  input: HandlerInput<unknown, unknown, unknown, unknown, unknown>,
  respond: typeof makeReply,
) => Promise<ReplyValue>;

function toExpressPath(contractPath: string): string {
  return contractPath.replace(/\{([^}]+)\}/g, ':$1');
}

/** express-openapi-validator's `/body/items/0/quantity` → `body.items[0].quantity`. */
export function toFieldName(pointer: string): string {
  const parts = pointer.replace(/^\//, '').split('/');
  const [location, ...rest] = parts;
  const where = location === 'params' ? 'path' : location === 'headers' ? 'header' : location;
  return rest.reduce(
    (name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : `${name}.${part}`),
    where ?? '',
  );
}

interface ValidatorError {
  status: number;
  message: string;
  errors?: { path: string; message: string }[];
  headers?: Record<string, string>;
}

function isValidatorError(err: unknown): err is ValidatorError {
  return (
    typeof err === 'object' &&
    err !== null &&
    'status' in err &&
    Array.isArray((err as ValidatorError).errors)
  );
}

function validationProblem(err: ValidatorError): ContractProblem {
  if (err.status === 400) {
    const errors = (err.errors ?? []).map((e) => ({
      field: toFieldName(e.path),
      message: e.message,
    }));
    const detail = errors.map((e) => `${e.field} ${e.message}`).join('; ');
    return new ContractProblem(
      problem(400, 'VALIDATION_FAILED', 'Request validation failed', detail, { errors }),
      {
        cause: err,
      },
    );
  }
  if (err.status === 415) {
    return new ContractProblem(
      problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', err.message),
    );
  }
  if (err.status === 413) {
    return new ContractProblem(problem(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', err.message));
  }
  // A response that breaks the contract is our bug: answer 500, keep the validator's findings as the cause.
  return new ContractProblem(problem(500, 'INTERNAL', 'Internal server error'), { cause: err });
}

function authenticationGate(op: OperationMeta, authenticate: Authenticate) {
  return async function authenticationGate(
    req: Request,
    res: Response,
    next: NextFunction,
  ): Promise<void> {
    try {
      const auth = await authenticate(req);
      if (op.secured && !auth) {
        throw new ContractProblem(
          problem(401, 'UNAUTHORIZED', 'Authentication required', 'a bearer token is required'),
          {
            headers: { 'WWW-Authenticate': 'Bearer' },
          },
        );
      }
      if (auth && op.roles.length > 0 && !op.roles.some((role) => auth.roles.includes(role))) {
        throw new ContractProblem(
          problem(
            403,
            'FORBIDDEN',
            'Forbidden',
            `this operation requires the ${op.roles.join(' or ')} role`,
          ),
        );
      }
      res.locals.bazaarAuth = auth;
      next();
    } catch (err) {
      next(err);
    }
  };
}

function headerInput(op: OperationMeta, req: Request): Record<string, string | undefined> {
  return Object.fromEntries(op.headerParameters.map((name) => [name, req.get(name)]));
}

function operationHandler(op: OperationMeta, handler: AnyHandler) {
  return async function operationHandler(
    req: Request,
    res: Response,
    next: NextFunction,
  ): Promise<void> {
    try {
      const reply = await handler(
        {
          path: req.params,
          query: req.query,
          headers: headerInput(op, req),
          body: req.body,
          auth: res.locals.bazaarAuth,
          req,
        },
        makeReply,
      );
      for (const [name, value] of Object.entries(reply.headers ?? {})) {
        if (value !== undefined) res.setHeader(name, value);
      }
      const contentType = op.responseContentTypes[String(reply.status)];
      res.status(reply.status);
      if (contentType === undefined || reply.body === undefined) {
        res.end();
      } else {
        res.type(contentType).json(reply.body);
      }
    } catch (err) {
      next(err);
    }
  };
}

function methodNotAllowed(allowed: string[]) {
  return function methodNotAllowed(req: Request, _res: Response, next: NextFunction): void {
    const detail = `${req.method} is not supported here; use ${allowed.join(', ')}`;
    next(
      new ContractProblem(problem(405, 'METHOD_NOT_ALLOWED', 'Method not allowed', detail), {
        headers: { Allow: allowed.join(', ') },
      }),
    );
  };
}

/**
 * Mounts `operations` on `router`: per operation, authentication and role checks, then contract
 * validation of the request, then the handler. Unknown methods on known paths answer 405.
 * Every failure is passed to `next` as a ContractProblem for the service's error middleware.
 */
export function mountOperations(
  router: Router,
  spec: unknown,
  operations: readonly OperationMeta[],
  handlers: Record<string, AnyHandler>,
  options: MountOptions,
): void {
  router.use(
    express.json({
      type: ['application/json', 'application/*+json'],
      limit: options.jsonBodyLimitBytes ?? 1024 * 1024,
    }),
  );
  for (const op of operations) {
    router[op.method](toExpressPath(op.path), authenticationGate(op, options.authenticate));
  }
  router.use(
    OpenApiValidator.middleware({
      apiSpec: structuredClone(spec) as never,
      validateRequests: { allowUnknownQueryParameters: false, coerceTypes: true, allErrors: true },
      validateResponses: options.validateResponses ? { allErrors: true } : false,
      validateSecurity: false,
      ignoreUndocumented: true,
      validateFormats: true,
      ajvFormats: { mode: 'full' },
    }),
  );
  const unknown = Object.keys(options.operationMiddleware ?? {}).filter(
    (id) => !operations.some((op) => op.operationId === id),
  );
  if (unknown.length > 0)
    throw new Error(`operationMiddleware names unknown operations: ${unknown.join(', ')}`);
  for (const op of operations) {
    const handler = handlers[op.operationId];
    if (!handler) throw new Error(`no handler for operation ${op.operationId}`);
    const middleware = options.operationMiddleware?.[op.operationId] ?? [];
    router[op.method](toExpressPath(op.path), ...middleware, operationHandler(op, handler));
  }
  const methodsByPath = new Map<string, string[]>();
  for (const op of operations) {
    methodsByPath.set(op.path, [...(methodsByPath.get(op.path) ?? []), op.method.toUpperCase()]);
  }
  for (const [path, methods] of methodsByPath)
    router.all(toExpressPath(path), methodNotAllowed(methods));
  router.use(function contractErrors(
    err: unknown,
    _req: Request,
    _res: Response,
    next: NextFunction,
  ) {
    next(isValidatorError(err) && !(err instanceof ContractProblem) ? validationProblem(err) : err);
  });
}
