/**
 * Runtime behind every generated HTTP client (and @bazaar/sdk): an openapi-fetch client that sends
 * the bearer token, `Accept: application/json`, `Correlation-Id` and W3C `traceparent`, applies a
 * timeout, and turns every non-2xx answer into a typed ProblemError.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';

type Supplier<T> = T | (() => T | Promise<T>);

export interface ClientOptions {
  /** Where to send requests: the gateway (`http://localhost:8000`) or, inside the platform, a service. */
  baseUrl: string;
  /** Bearer access token, or a function returning the current one (called per request). */
  token?: Supplier<string | undefined>;
  /** Correlation id for every request, or a function returning the current one. */
  correlationId?: Supplier<string | undefined>;
  /** Returns the W3C `traceparent` of the current span, to continue the caller's trace. */
  traceparent?: () => string | undefined;
  /** Per-request timeout in milliseconds. Default 10 000. */
  timeoutMs?: number;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** A fetch implementation (defaults to the global one). */
  fetch?: (input: Request) => Promise<Response>;
}

/** A non-2xx answer: `status`, the parsed problem (RFC 9457, or the gateway's `{message}`), the response. */
export class ProblemError<Problem = unknown> extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;
  readonly response: Response;

  constructor(status: number, problem: Problem | undefined, response: Response) {
    super(ProblemError.describe(status, problem));
    this.name = 'ProblemError';
    this.status = status;
    this.problem = problem;
    this.response = response;
  }

  /** The stable `code` of a Bazaar problem, when the body has one. */
  get code(): string | undefined {
    const code = (this.problem as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? code : undefined;
  }

  private static describe(status: number, problem: unknown): string {
    const p = problem as { title?: unknown; detail?: unknown; message?: unknown } | undefined;
    const text = [p?.title, p?.detail, p?.message].filter((v) => typeof v === 'string').join(': ');
    return `HTTP ${status}${text ? ` ${text}` : ''}`;
  }
}

async function supply<T>(value: Supplier<T> | undefined): Promise<T | undefined> {
  return typeof value === 'function' ? (value as () => T | Promise<T>)() : value;
}

function contextMiddleware(options: ClientOptions): Middleware {
  return {
    async onRequest({ request }) {
      request.headers.set('Accept', 'application/json');
      for (const [name, value] of Object.entries(options.headers ?? {}))
        request.headers.set(name, value);
      const token = await supply(options.token);
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      const correlationId = await supply(options.correlationId);
      if (correlationId) request.headers.set('Correlation-Id', correlationId);
      const traceparent = options.traceparent?.();
      if (traceparent) request.headers.set('traceparent', traceparent);
      return request;
    },
  };
}

/** An openapi-fetch client for `Paths` with Bazaar's headers and timeout. */
export function createHttpClient<Paths extends object>(options: ClientOptions): Client<Paths> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const baseFetch = options.fetch ?? ((request: Request) => fetch(request));
  const client = createClient<Paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    fetch: (request) =>
      baseFetch(
        new Request(request, {
          signal: AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]),
        }),
      ),
  });
  client.use(contextMiddleware(options));
  return client;
}

/** Returns the data of a 2xx result; throws ProblemError for anything else. */
export function unwrap<Data, Problem>(result: {
  data?: unknown;
  error?: unknown;
  response: Response;
}): Data {
  if (result.response.ok) return result.data as Data;
  throw new ProblemError<Problem>(
    result.response.status,
    result.error as Problem | undefined,
    result.response,
  );
}

/** Keys of T that must be present. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is the point: a key is optional when {} satisfies Pick<T, K>
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** An operation method's arguments: the init object is optional when nothing in it is required. */
export type OperationArgs<Init> = RequiredKeys<Init> extends never ? [init?: Init] : [init: Init];
