/**
 * Builders for the "we cannot honour this" messages: a config value Kong accepts but this gateway
 * does not implement is refused at start-up with the field named, never ignored.
 */

export const NOT_SUPPORTED = 'is not supported by bazaar-gateway';

/** Refuses any value other than null/absent, e.g. `snis`, `client_certificate`. */
export function refuseAnyValue(what: string) {
  return (value: unknown): string | undefined => {
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value) && value.length === 0) return undefined;
    return `${what} ${NOT_SUPPORTED}`;
  };
}

/** Refuses values outside `supported`, naming the first offending one. */
export function onlyValues(supported: readonly unknown[], what: string) {
  return (value: unknown): string | undefined => {
    const values = Array.isArray(value) ? value : [value];
    const bad = values.find((v) => !supported.includes(v));
    return bad === undefined
      ? undefined
      : `${what} ${String(bad)} ${NOT_SUPPORTED} (supported: ${supported.join(', ')})`;
  };
}
