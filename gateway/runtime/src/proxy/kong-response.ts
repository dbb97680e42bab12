/**
 * The two ways Kong itself answers (kong-gateway.md A7.3, kong/pdk/response.lua): `error` renders
 * the negotiated template with the request id; `exit` sends a table as compact JSON (jwt's 401s)
 * or no body at all. Both only record the response on the context; send-kong-response.ts writes it.
 */
import { defaultErrorMessage, negotiateErrorType, renderErrorBody } from './error-body';
import type { RequestContext } from './request-context';

const JSON_TYPE = 'application/json; charset=utf-8';

/** kong.response.error(status, message, headers). */
export function kongError(
  ctx: RequestContext,
  status: number,
  message?: string,
  headers: [string, string][] = [],
): void {
  const contentType = negotiateErrorType(ctx.header('accept'));
  ctx.exit = {
    status,
    headers: [['Content-Type', contentType], ...headers],
    body: renderErrorBody(contentType, message ?? defaultErrorMessage(status), ctx.requestId),
  };
}

/** lua-cjson escapes `/`; JSON.stringify does not. Kong's compact bodies carry the escape. */
function cjsonEncode(value: unknown): string {
  return JSON.stringify(value).replace(/\//g, '\\/');
}

/** kong.response.exit(status, body, headers): a table body becomes compact JSON. */
export function kongExit(
  ctx: RequestContext,
  status: number,
  body?: Record<string, unknown>,
  headers: [string, string][] = [],
): void {
  ctx.exit =
    body === undefined
      ? { status, headers }
      : { status, headers: [['Content-Type', JSON_TYPE], ...headers], body: cjsonEncode(body) };
}
