/**
 * The client address as nginx's `$remote_addr` gives it: the socket peer (no `trusted_ips` are
 * configured, so X-Real-IP / X-Forwarded-For from clients are never believed), with IPv4-mapped
 * IPv6 addresses shown as plain IPv4.
 */
import type { RequestContext } from './request-context';

export function clientIp(ctx: RequestContext): string {
  const address = ctx.req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
