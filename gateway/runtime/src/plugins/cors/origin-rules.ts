/**
 * The origin decision of Kong's cors plugin (kong-gateway.md A5.2, handler.lua `configure_origin`):
 * allow-all, a single flat origin echoed verbatim, or a list of flat origins and regexes matched
 * against the normalized request origin.
 */

const FLAT = /^[A-Za-z0-9.:/-]+$/;

interface NormalizedOrigin {
  /** `scheme://host[:port]` with default ports removed, or the raw value if it has no host. */
  domain: string;
  host: string;
}

/** LuaSocket-style parse: `scheme://host:port`; without `//` there is no host. */
export function normalizeOrigin(origin: string): NormalizedOrigin {
  const m =
    /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?/.exec(
      origin,
    );
  if (!m || !m[2]) return { domain: origin, host: origin };
  const scheme = m[1];
  let port = m[3];
  if ((scheme === 'http' && port === '80') || (scheme === 'https' && port === '443'))
    port = undefined;
  const host = m[2];
  return { domain: `${scheme ? `${scheme}://` : ''}${host}${port ? `:${port}` : ''}`, host };
}

/** Like Kong's per-worker LRU of parsed request origins: a bounded Map, cleared when full. */
const normalizedCache = new Map<string, NormalizedOrigin>();

function cachedNormalize(origin: string): NormalizedOrigin {
  let n = normalizedCache.get(origin);
  if (!n) {
    if (normalizedCache.size >= 10000) normalizedCache.clear();
    n = normalizeOrigin(origin);
    normalizedCache.set(origin, n);
  }
  return n;
}

type Entry = { regex: RegExp; byHost: boolean } | { domain: string };

export type OriginDecision =
  /** `Access-Control-Allow-Origin: *`, no Vary. */
  | { kind: 'all' }
  /** A concrete ACAO value (with Vary: Origin). */
  | { kind: 'origin'; value: string }
  /** No ACAO (removed), but Vary: Origin. */
  | { kind: 'none' };

export class OriginRules {
  private readonly allowAll: boolean;
  private readonly single: string | undefined;
  private readonly entries: Entry[] = [];
  private readonly starInList: boolean;

  constructor(origins: readonly string[] | undefined) {
    const list = origins ?? [];
    this.allowAll = list.length === 0 || (list.length === 1 && list[0] === '*');
    this.single = list.length === 1 && FLAT.test(list[0]!) ? list[0] : undefined;
    this.starInList = list.includes('*');
    for (const entry of list) {
      if (entry === '*') continue;
      const byHost = !entry.includes(':');
      if (FLAT.test(entry)) {
        this.entries.push({ domain: normalizeOrigin(entry).domain });
      } else {
        // Kong anchors the end itself and drops a user's leading `^`; matching is anchored at the start.
        let source = entry.endsWith('$') ? entry : `${entry}$`;
        if (source.startsWith('^')) source = source.slice(1);
        this.entries.push({ regex: new RegExp(`^(?:${source})`), byHost });
      }
    }
  }

  decide(requestOrigin: string | undefined): OriginDecision {
    if (this.allowAll) return { kind: 'all' };
    if (this.single !== undefined) return { kind: 'origin', value: this.single };
    if (!requestOrigin) return { kind: 'none' };
    if (this.starInList) return { kind: 'all' };
    const normalized = cachedNormalize(requestOrigin);
    for (const entry of this.entries) {
      const found =
        'regex' in entry
          ? entry.regex.test(entry.byHost ? normalized.host : normalized.domain)
          : entry.domain === normalized.domain;
      if (found) return { kind: 'origin', value: normalized.domain };
    }
    return { kind: 'none' };
  }

  /** Whether the configured list restricts origins (then `Vary: Origin` is always sent). */
  get restricted(): boolean {
    return !this.allowAll;
  }
}
