/**
 * The 64-bit route priority of Kong's `traditional_compatible` router (kong/router/transform.lua
 * `get_priority`, kong-gateway.md A2.2). Higher is tried first; ties go to the larger route id.
 *
 * Layout, most significant first: match-field count (3 bits at 61), plain-hosts-only (bit 60),
 * header count (bits 52-59), regex path (bit 51), regex_priority (from bit 19, regex routes only),
 * prefix length in bytes (low 19 bits).
 */

export interface PriorityInput {
  methods?: readonly string[];
  hosts?: readonly string[];
  headers?: Readonly<Record<string, readonly string[]>>;
  /** One path group: all regex (`~`) or all prefixes of the same byte length. */
  paths?: readonly string[];
  regex_priority: number;
}

const MAX_HEADER_COUNT = 255n;

function nonEmpty(list: readonly unknown[] | undefined): boolean {
  return list !== undefined && list.length > 0;
}

export function routePriority(route: PriorityInput): bigint {
  let matchWeight = 0n;
  if (nonEmpty(route.methods)) matchWeight++;
  if (nonEmpty(route.hosts)) matchWeight++;
  let headerCount = BigInt(Object.keys(route.headers ?? {}).length);
  if (headerCount > 0n) matchWeight++;
  if (headerCount > MAX_HEADER_COUNT) headerCount = MAX_HEADER_COUNT;

  const plainHostsOnly = route.hosts !== undefined && !route.hosts.some((h) => h.includes('*'));

  let regex = false;
  let prefixLength = 0;
  if (nonEmpty(route.paths)) {
    matchWeight++;
    const first = route.paths![0]!;
    regex = first.startsWith('~');
    if (!regex) prefixLength = Buffer.byteLength(first);
  }

  // Kong shifts regex_priority as an unsigned 64-bit value, so a negative one spills into the
  // higher fields; asUintN reproduces that arithmetic exactly.
  const regexPriority = regex ? BigInt.asUintN(64, BigInt(route.regex_priority) << 19n) : 0n;
  return BigInt.asUintN(
    64,
    (matchWeight << 61n) |
      (plainHostsOnly ? 1n << 60n : 0n) |
      (headerCount << 52n) |
      (regex ? 1n << 51n : 0n) |
      regexPriority |
      BigInt(prefixLength & 0x7ffff),
  );
}

/**
 * Splits a route's paths into Kong's groups: one group with every regex path, and one group per
 * distinct prefix byte length, in first-seen order (transform.lua `group_by_regex_or_length`).
 */
export function groupPaths(paths: readonly string[]): string[][] {
  const groups = new Map<number, string[]>();
  for (const p of paths) {
    const key = p.startsWith('~') ? 0 : Buffer.byteLength(p);
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.values()];
}
