/**
 * Answers Kong gives before any plugin runs: requests nginx itself rejects (400 without Host,
 * 405 for TRACE) and plain-HTTP requests to https-only routes (426 or a redirect), per
 * kong-gateway.md A2.3 and A2.7.
 */
import { defaultErrorMessage, errorHandlerType, renderErrorBody } from './error-body';
import { kongError, kongExit } from './kong-response';
import type { RequestContext } from './request-context';

/**
 * Requests nginx rejects before Kong's phases run, answered by Kong's error handler
 * (kong-gateway.md A2.3): HTTP/1.1 without Host → 400, TRACE → 405.
 */
export function rejectedByNginx(ctx: RequestContext): boolean {
  let status: number | undefined;
  if (ctx.req.httpVersion === '1.1' && ctx.header('host') === undefined) status = 400;
  else if (ctx.method === 'TRACE') status = 405;
  if (status === undefined) return false;
  const type = errorHandlerType(ctx.header('accept'), ctx.header('content-type'));
  ctx.exit = {
    status,
    headers: [['Content-Type', type]],
    body: renderErrorBody(type, defaultErrorMessage(status), ctx.requestId),
  };
  return true;
}

/** Route protocols `https` only, request over plain HTTP (kong-gateway.md A2.7). */
export function httpsOnly(ctx: RequestContext): boolean {
  const protocols = ctx.match!.route.protocols;
  if (!protocols.includes('https') || protocols.includes('http')) return false;
  const code = ctx.match!.route.https_redirect_status_code;
  if (code === 426) {
    kongError(ctx, 426, 'Please use HTTPS protocol', [
      ['Connection', 'Upgrade'],
      ['Upgrade', 'TLS/1.2, HTTP/1.1'],
    ]);
  } else {
    const host = (ctx.header('host') ?? 'kong').split(':', 1)[0]!.toLowerCase();
    kongExit(ctx, code, undefined, [['Location', `https://${host}${ctx.req.url ?? '/'}`]]);
  }
  return true;
}
