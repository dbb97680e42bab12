/**
 * Kong's shared field types (kong/db/schema/typedefs.lua, kong/tools/ip.lua) in our schema
 * language: names, hosts, ports, paths, router paths, methods, headers, tags, protocols.
 */
import { normalizePath } from '../../router/normalize-path';
import { compileRouteRegex, RouteRegexError } from '../../router/route-regex';
import type { ArrayField, Field, NumberField, StringField } from './field-schema';

/** Splits `host[:port]` like kong/tools/ip.lua `normalize_ip`; returns an error text or the parts. */
export function parseHostPort(address: string): { host: string; port?: number } | string {
  const colons = address.split(':').length - 1;
  if (colons > 1) return parseIpv6(address);
  const portMatch = /:(\d+)$/.exec(address);
  const name = portMatch ? address.slice(0, -(portMatch[1]!.length + 1)) : address;
  const port = portMatch ? Number(portMatch[1]) : undefined;
  if (port !== undefined && port > 65535) return 'invalid port number';
  if (/^[\d.]+$/.test(name.replace(/:.*/, ''))) {
    const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
    if (!octets || octets.slice(1).some((o) => Number(o) > 255))
      return `invalid ipv4 address: ${address}`;
    return { host: name, port };
  }
  if (!/^[A-Za-z0-9\-._]+$/.test(name)) return `invalid hostname: ${address}`;
  const labels = name.split('.');
  const bad = labels.some(
    (label, i) => label.endsWith('-') || (label === '' && i !== labels.length - 1),
  );
  return bad ? `invalid hostname: ${address}` : { host: name, port };
}

function parseIpv6(address: string): { host: string; port?: number } | string {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(address);
  const ip = bracketed ? bracketed[1]! : address;
  const port = bracketed?.[2] !== undefined ? Number(bracketed[2]) : undefined;
  if (port !== undefined && port > 65535) return 'invalid port number';
  if (!/^[0-9a-fA-F:.]+$/.test(ip)) return `invalid ipv6 address: ${address}`;
  return { host: ip, port };
}

function validateHost(host: string): string | undefined {
  const parsed = parseHostPort(host);
  if (parsed === 'invalid port number') return 'must not have a port';
  if (typeof parsed === 'string') return `invalid value: ${host}`;
  return parsed.port !== undefined ? 'must not have a port' : undefined;
}

function validateHostWithOptionalPort(host: string): string | undefined {
  const parsed = parseHostPort(host);
  return typeof parsed === 'string' ? parsed : undefined;
}

export const utf8Name = (): StringField => ({
  type: 'string',
  custom: (name) =>
    /^[\w.\-~\u0080-\u{10FFFF}]+$/u.test(name)
      ? undefined
      : `invalid value '${name}': the only accepted ascii characters are alphanumerics or ., -, _, and ~`,
});

export const host = (extra: Partial<StringField> = {}): StringField => ({
  type: 'string',
  custom: validateHost,
  ...extra,
});

export const port = (extra: Partial<NumberField> = {}): NumberField => ({
  type: 'integer',
  between: [0, 65535],
  ...extra,
});

export const PROTOCOLS = [
  'grpc',
  'grpcs',
  'http',
  'https',
  'tcp',
  'tls',
  'tls_passthrough',
  'udp',
] as const;
export const HTTP_PROTOCOLS = ['grpc', 'grpcs', 'http', 'https'] as const;

export const protocol = (extra: Partial<StringField> = {}): StringField => ({
  type: 'string',
  oneOf: PROTOCOLS,
  ...extra,
});

/** typedefs.path: service paths. */
export const path = (): StringField => ({
  type: 'string',
  startsWith: '/',
  matchNone: [{ pattern: /\/\//, err: 'must not have empty segments' }],
  custom: validatePathEncoding,
});

function validatePathEncoding(value: string): string | undefined {
  if (!/^\/[\w.\-~/%:@!$&'()*+,;=]*$/.test(value)) {
    return `invalid path: '${value}' (characters outside of the reserved list of RFC 3986 found)`;
  }
  return percentEncodingError(value);
}

function percentEncodingError(value: string): string | undefined {
  const raw = value.replace(/%[0-9a-fA-F]{2}/g, '___');
  const at = raw.indexOf('%');
  return at === -1 ? undefined : `invalid url-encoded value: '${raw.slice(at, at + 3)}'`;
}

/**
 * typedefs.router_path: `/prefix` (must already be normalized) or `~/regex` (must compile for
 * the Rust regex crate, see route-regex.ts).
 */
export const routerPath = (): StringField => ({
  type: 'string',
  match: [{ pattern: /^~?\//, err: 'should start with: / (fixed path) or ~/ (regex path)' }],
  matchNone: [{ pattern: /\/\//, err: 'must not have empty segments' }],
  custom: (value) => {
    if (!value.startsWith('~')) {
      const encoding = percentEncodingError(value);
      if (encoding) return encoding;
      let normalized: string;
      try {
        normalized = normalizePath(value, true);
      } catch {
        return `invalid url-encoded value: '${value}'`;
      }
      return normalized === value
        ? undefined
        : `non-normalized path, consider use '${normalized}' instead`;
    }
    try {
      compileRouteRegex(value.slice(1), true);
      return undefined;
    } catch (err) {
      return err instanceof RouteRegexError ? err.message : String(err);
    }
  },
});

export const methods = (): ArrayField => ({
  type: 'set',
  elements: { type: 'string', match: [{ pattern: /^[A-Z]+$/, err: 'invalid value: %u+' }] },
});

export const hosts = (): ArrayField => ({
  type: 'array',
  elements: {
    type: 'string',
    match: [
      { pattern: /^[^*]*\*?[^*]*$/, err: 'invalid wildcard: must have at most one wildcard' },
      {
        pattern: /^\*\.|\.\*$|^[^*]*$/,
        err: 'invalid wildcard: must be placed at leftmost or rightmost label',
      },
    ],
    custom: (value) => validateHostWithOptionalPort(value.replace(/\*/g, 'abc')),
  },
});

export const headerName = (extra: Partial<StringField> = {}): StringField => ({
  type: 'string',
  custom: (name) =>
    /^[a-zA-Z0-9\-_]+$/.test(name)
      ? undefined
      : `bad header name '${name}', allowed characters are A-Z, a-z, 0-9, '_', and '-'`,
  ...extra,
});

export const tags = (): ArrayField => ({
  type: 'set',
  elements: {
    type: 'string',
    custom: (tag) =>
      /^[ !-+\-.0-~\u0080-\u{10FFFF}]+$/u.test(tag)
        ? undefined
        : `invalid tag '${tag}': expected printable ascii (except \`,\` and \`/\`) or valid utf-8 sequences`,
  },
});

export const uuid = (): StringField => ({
  type: 'string',
  match: [
    {
      pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
      err: 'expected a valid UUID',
    },
  ],
});

/** Timeouts in ms, `1 … 2^31-2` for services (`nonzero_timeout`), `0 …` for others. */
export const timeout = (min: number, defaultMs: number): NumberField => ({
  type: 'integer',
  between: [min, 2 ** 31 - 2],
  default: defaultMs,
});

/** `protocols` on plugins: a set of the HTTP-family protocols, all by default. */
export const pluginProtocols = (): ArrayField => ({
  type: 'set',
  required: true,
  default: [...HTTP_PROTOCOLS],
  elements: { type: 'string', oneOf: HTTP_PROTOCOLS },
});

export const anyList = (): Field => ({ type: 'array', elements: { type: 'any' } });
