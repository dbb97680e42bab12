/**
 * Request-path normalization used by the router and the upstream URI (kong-gateway.md A2.1,
 * kong/tools/uri.lua `normalize`/`escape`): decode unreserved escapes, keep reserved ones
 * upper-cased, remove dot segments, merge slashes; then re-escape for the upstream request line.
 */

/** RFC 3986 reserved characters plus `%`: their escapes are kept (upper-cased), never decoded. */
const RESERVED = new Set([...`!*'();:@&=+$,/?%#[]`].map((c) => c.charCodeAt(0)));
const HEX = /%([0-9a-fA-F]{2})/g;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Thrown when decoding yields bytes that are not UTF-8; Kong's router then answers 404. */
export class InvalidPathEncodingError extends Error {}

function percentDecodeUnreserved(uri: string): string {
  let ascii = true;
  const decoded = uri.replace(HEX, (escape, hex: string) => {
    const byte = parseInt(hex, 16);
    if (RESERVED.has(byte)) return escape.toUpperCase();
    if (byte >= 0x80) ascii = false;
    return String.fromCharCode(byte);
  });
  if (ascii) return decoded;
  // Decoded escapes are bytes: reassemble them and insist on valid UTF-8, as the ATC router does.
  try {
    return UTF8.decode(Buffer.from(decoded, 'latin1'));
  } catch {
    throw new InvalidPathEncodingError(`invalid UTF-8 in path ${uri}`);
  }
}

/**
 * Normalizes a path (no query string). `mergeSlashes` is what the router uses; Kong's schema
 * uses the same function to insist that configured prefix paths are already normalized.
 */
export function normalizePath(input: string, mergeSlashes = true): string {
  if (input === '' || input === '/') return input;
  let uri = input.includes('%') ? percentDecodeUnreserved(input) : input;
  if (!uri.includes('.') && (!mergeSlashes || !uri.includes('//'))) return uri;

  const output: string[] = [];
  while (uri.length > 0) {
    if (uri === '/.') {
      uri = '/';
    } else if (uri === '/..') {
      uri = '/';
      output.pop();
    } else if (uri === '.' || uri === '..') {
      uri = '';
    } else if (uri.startsWith('../')) {
      uri = uri.slice(3);
    } else if (uri.startsWith('./')) {
      uri = uri.slice(2);
    } else if (uri.startsWith('/./')) {
      uri = uri.slice(2);
    } else if (uri.startsWith('/../')) {
      uri = uri.slice(3);
      output.pop();
    } else if (mergeSlashes && uri.startsWith('//')) {
      uri = uri.slice(1);
    } else {
      const next = uri.indexOf('/', 1);
      if (next === -1) {
        output.push(uri);
        uri = '';
      } else {
        output.push(uri.slice(0, next));
        uri = uri.slice(next);
      }
    }
  }
  return output.join('');
}

/** Characters Kong sends upstream unescaped (kong/tools/uri.lua ESCAPE_PATTERN, case-insensitive). */
const UNSAFE = /[^!#$&'()*+,/:;=?@[\]A-Za-z0-9\-_.~%]/;

/** Percent-encodes (upper-case hex, UTF-8 bytes) every character outside Kong's safe set. */
export function escapeUpstreamPath(path: string): string {
  if (!UNSAFE.test(path)) return path;
  let out = '';
  for (const ch of path) {
    if (UNSAFE.test(ch)) {
      for (const byte of Buffer.from(ch, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    } else {
      out += ch;
    }
  }
  return out;
}
