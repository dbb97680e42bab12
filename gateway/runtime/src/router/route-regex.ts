/**
 * Compiles route path and header regexes. Kong 3 (`traditional_compatible`) hands them to the Rust
 * `regex` crate (atc-router), so anything that crate rejects — look-around, backreferences,
 * atomic groups — is refused here at load time, even though JavaScript could run it.
 */

const RUST_UNSUPPORTED: { pattern: RegExp; what: string }[] = [
  { pattern: /\(\?<?[=!]/, what: 'look-around is not supported by the Rust regex engine' },
  { pattern: /\(\?>/, what: 'atomic groups are not supported by the Rust regex engine' },
  { pattern: /\\[1-9]|\\k</, what: 'backreferences are not supported by the Rust regex engine' },
  {
    pattern: /[*+?}]\+/,
    what: 'possessive quantifiers are not supported by the Rust regex engine',
  },
];

/** Thrown with a Kong-like message naming the offending regex. */
export class RouteRegexError extends Error {}

/**
 * Translates Rust/PCRE syntax JavaScript lacks: `(?P<name>` becomes `(?<name>` and a leading
 * `(?i)` becomes the `i` flag. Other inline flag groups are refused rather than mistranslated.
 */
function toJavaScriptSource(source: string): { body: string; flags: string } {
  let body = source.replace(/\(\?P</g, '(?<');
  let flags = 'u';
  if (body.startsWith('(?i)')) {
    body = body.slice(4);
    flags += 'i';
  }
  if (/\(\?[a-zA-Z-]+[:)]/.test(body)) {
    throw new RouteRegexError(
      `invalid regex: '${source}' (inline flags are not supported by bazaar-gateway)`,
    );
  }
  return { body, flags };
}

/**
 * Compiles `source` (a route path without its `~`, or a header value without `~*`).
 * `anchored` prepends `^` exactly as Kong does (not wrapped in a group, so only the first
 * alternative of a top-level `a|b` is anchored — Kong behaves the same).
 */
export function compileRouteRegex(source: string, anchored: boolean): RegExp {
  for (const rule of RUST_UNSUPPORTED) {
    if (rule.pattern.test(source))
      throw new RouteRegexError(`invalid regex: '${source}' (${rule.what})`);
  }
  const { body, flags } = toJavaScriptSource(source);
  try {
    return new RegExp(anchored ? `^${body}` : body, flags);
  } catch (err) {
    throw new RouteRegexError(`invalid regex: '${source}' (${(err as Error).message})`);
  }
}
