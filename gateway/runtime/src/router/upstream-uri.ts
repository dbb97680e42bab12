/**
 * Joins the service path and the request path into the upstream path the way Kong's
 * `traditional_compatible` router does (path_handling v0 only; kong-gateway.md A2.4,
 * kong/router/utils.lua `get_upstream_uri_v0`, kong/router/atc.lua `set_upstream_uri`).
 */

/** Drops a leading `./` or `../` (or a whole `.`/`..`) left after stripping the prefix. */
function sanitizePostfix(postfix: string): string {
  if (postfix === '.' || postfix === '..') return '';
  if (postfix.startsWith('./')) return postfix.slice(2);
  if (postfix.startsWith('../')) return postfix.slice(3);
  return postfix;
}

/**
 * @param requestPath normalized request path (A2.1), no query string
 * @param servicePath the service `path`, `/` when unset
 * @param strip the route's `strip_path` flag
 * @param matchedPath the configured prefix, or the text a regex path matched (group 0); undefined
 *   when the route matched without a path. Only used when `strip` is on; Kong falls back to `/`.
 */
export function upstreamPath(
  requestPath: string,
  servicePath: string,
  strip: boolean,
  matchedPath: string | undefined,
): string {
  const prefix = (strip && matchedPath) || '/';
  const postfix = sanitizePostfix(requestPath.slice(prefix.length));

  if (servicePath.endsWith('/')) {
    if (!strip) return servicePath + requestPath.slice(1);
    if (postfix === '') {
      if (servicePath === '/') return '/';
      return requestPath.endsWith('/') ? servicePath : servicePath.slice(0, -1);
    }
    if (postfix.startsWith('/')) return servicePath.slice(0, -1) + postfix;
    return servicePath + postfix;
  }

  if (!strip) return requestPath === '/' ? servicePath : servicePath + requestPath;
  if (postfix === '')
    return requestPath.length > 1 && requestPath.endsWith('/') ? `${servicePath}/` : servicePath;
  if (postfix.startsWith('/')) return servicePath + postfix;
  return `${servicePath}/${postfix}`;
}
