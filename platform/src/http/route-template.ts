/**
 * The route template a request matched (platform/src/http), e.g. `/api/v1/products/{productId}`,
 * used as the metrics label and span name. Never the raw path: ids in paths would explode the
 * metrics' cardinality.
 */
import { type Request } from 'express';

/** Label for a request that matched no route (404s, probes of random paths). */
export const UNMATCHED_ROUTE = '<unmatched>';

interface OpenApiRequestMetadata {
  openapi?: { openApiRoute?: string };
}

/**
 * The contract path from express-openapi-validator's request metadata when present, else the
 * express route (`:param` rewritten to `{param}`), else UNMATCHED_ROUTE.
 */
export function routeTemplateOf(req: Request): string {
  const fromContract = (req as Request & OpenApiRequestMetadata).openapi?.openApiRoute;
  if (fromContract) return fromContract;
  const routePath: unknown = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof routePath === 'string') {
    return `${req.baseUrl}${routePath}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  }
  return UNMATCHED_ROUTE;
}
