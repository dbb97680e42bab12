/**
 * Parses Kong's listener syntax (`KONG_PROXY_LISTEN`, `KONG_STATUS_LISTEN`, kong.conf.default):
 * comma-separated `host:port [flags…]` entries, or `off`. Plain HTTP only: `ssl`, `http2` and
 * `proxy_protocol` are refused rather than served differently from Kong.
 */

export interface ListenSpec {
  host: string;
  port: number;
  backlog?: number;
  ipv6Only?: boolean;
}

export class ListenError extends Error {}

/** Flags that change nothing observable for plain HTTP listeners here. */
const HARMLESS = new Set(['reuseport', 'bind', 'deferred']);

function parseEntry(entry: string, variable: string): ListenSpec {
  const [address, ...flags] = entry.trim().split(/\s+/);
  const m = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(address ?? '');
  if (!m)
    throw new ListenError(`${variable}: '${entry.trim()}' is not of the form <ip>:<port> [flags]`);
  const host = m[1] ?? (m[2] === '*' ? '0.0.0.0' : m[2]!);
  const port = Number(m[3]);
  if (port > 65535) throw new ListenError(`${variable}: port ${port} is out of range`);
  const spec: ListenSpec = { host, port };
  for (const flag of flags) {
    if (HARMLESS.has(flag)) continue;
    const backlog = /^backlog=(\d+)$/.exec(flag);
    if (backlog) {
      spec.backlog = Number(backlog[1]);
      continue;
    }
    const v6 = /^ipv6only=(on|off)$/.exec(flag);
    if (v6) {
      spec.ipv6Only = v6[1] === 'on';
      continue;
    }
    if (flag === 'ssl' || flag === 'http2' || flag === 'proxy_protocol') {
      throw new ListenError(
        `${variable}: the '${flag}' flag on '${address}' is not supported by bazaar-gateway (plain HTTP listeners only); ` +
          `drop that listener or run real Kong for ${flag === 'ssl' ? 'TLS' : flag === 'http2' ? 'HTTP/2' : 'PROXY protocol'}`,
      );
    }
    throw new ListenError(`${variable}: unknown listener flag '${flag}' on '${address}'`);
  }
  return spec;
}

/** `off` (or empty) means no listener. */
export function parseListen(value: string, variable: string): ListenSpec[] {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'off') return [];
  return trimmed.split(',').map((entry) => parseEntry(entry, variable));
}
