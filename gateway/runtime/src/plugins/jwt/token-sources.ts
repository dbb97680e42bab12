/**
 * Where the jwt plugin looks for tokens (kong-gateway.md A3.2, handler.lua `retrieve_tokens`):
 * every configured query parameter, cookie and header contributes to one set, so the same token
 * twice is fine and two different ones are "Multiple tokens provided".
 */
import type { RequestContext } from '../../proxy/request-context';
import type { JwtConfig } from './schema';

/** The unanchored pattern Kong applies to the first occurrence of each header. */
const BEARER = /\s*[Bb]earer\s+(.+)/;

/** nginx `$cookie_<name>`: the first cookie of that name across Cookie headers. */
export function cookieValue(ctx: RequestContext, name: string): string | undefined {
  for (const header of ctx.headerValues('cookie')) {
    for (const pair of header.split(';')) {
      const eq = pair.indexOf('=');
      if (eq !== -1 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
    }
  }
  return undefined;
}

/** A bare `?jwt` contributes `true`, which Kong then calls "Unrecognizable token". */
export function collectTokens(ctx: RequestContext, conf: JwtConfig): Set<string | true> {
  const tokens = new Set<string | true>();
  for (const name of conf.uri_param_names) {
    const arg = ctx.queryArg(name);
    if (arg === undefined) continue;
    for (const value of Array.isArray(arg) ? arg : [arg]) if (value !== '') tokens.add(value);
  }
  for (const name of conf.cookie_names) {
    const cookie = cookieValue(ctx, name);
    if (cookie) tokens.add(cookie);
  }
  for (const name of conf.header_names) {
    // ngx.req.get_headers() lookups are case-insensitive and read `_` as `-`.
    const header = ctx.header(name.toLowerCase().replace(/_/g, '-'));
    if (header === undefined) continue;
    const m = BEARER.exec(header);
    if (m && m[1] !== '') tokens.add(m[1]!);
  }
  return tokens;
}
