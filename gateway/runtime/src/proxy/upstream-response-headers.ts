/**
 * The upstream's response headers as the client receives them from Kong (kong-gateway.md A7.2,
 * runloop/handler.lua header_filter.before): hop-by-hop headers, framing headers nginx re-creates,
 * headers the upstream names in `Connection`, `X-Accel-*`, and `Trailer` unless trailers were asked for.
 */
import { ResponseHeaders } from './response-headers';

/** Response headers nginx never passes on (hop-by-hop, framing, X-Accel-*). */
const DROPPED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'proxy-connection',
  'upgrade',
  'x-pad',
]);

export function downstreamHeaders(raw: Buffer[], askedTrailers: boolean): ResponseHeaders {
  const headers = new ResponseHeaders();
  let connectionTokens: Set<string> | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.length === 10 && raw[i]!.toString('latin1').toLowerCase() === 'connection') {
      const value = raw[i + 1]!.toString('latin1').toLowerCase();
      connectionTokens = new Set(value.split(',').map((t) => t.trim()));
    }
  }
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1');
    const lower = name.toLowerCase();
    if (DROPPED.has(lower) || lower.startsWith('x-accel-')) continue;
    if (lower === 'trailer' && !askedTrailers) continue;
    if (connectionTokens?.has(lower) && lower !== 'close' && lower !== 'keep-alive') continue;
    headers.add(name, raw[i + 1]!.toString('latin1'));
  }
  return headers;
}
