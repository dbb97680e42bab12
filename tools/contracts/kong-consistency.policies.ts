// Policy checks of the Kong consistency gate for one operation's route: which plugin instance Kong
// runs (route over service over global, kong-gateway.md A1.7), whether the route's service points
// at the contract's servers[0], and whether its rate limit is the one the contract declares.
import { xKongComponents, xKongPlugins } from '../../gateway/generator/src/x-kong-extensions';
import type {
  GatewayConfig,
  PluginInstance,
  Route,
  Service,
} from '../../gateway/runtime/src/declarative-config/model';
import type { OperationModel, ServiceContract } from '../codegen/lib/openapi-model';

const PERIODS = ['second', 'minute', 'hour', 'day', 'month', 'year'] as const;

/** A contract operation with the sample request the gate sends for it. */
export interface Operation extends OperationModel {
  label: string;
  sample: string;
  contract: ServiceContract;
}

/** The instance Kong runs for `name` on `route` when no consumer is authenticated (A1.7). */
export function effectivePlugin(
  config: GatewayConfig,
  route: Route,
  name: string,
): PluginInstance | undefined {
  const rank = (p: PluginInstance) =>
    p.routeId && p.serviceId ? 0 : p.routeId ? 1 : p.serviceId ? 2 : 3;
  return config.plugins
    .filter(
      (p) =>
        p.name === name &&
        p.enabled &&
        p.consumerId === undefined &&
        (p.routeId === undefined || p.routeId === route.id) &&
        (p.serviceId === undefined || p.serviceId === route.serviceId),
    )
    .sort((a, b) => rank(a) - rank(b))[0];
}

export function upstreamProblem(
  operation: Operation,
  service: Service | undefined,
): string | undefined {
  const server = (operation.contract.document.servers ?? [])[0];
  if (!server || !service) return undefined;
  const url = new URL(server.url);
  const expected = `${url.protocol}//${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}${url.pathname}`;
  const actual = `${service.protocol}://${service.host}:${service.port}${service.path ?? '/'}`;
  return expected === actual
    ? undefined
    : `proxies to ${actual} but the contract's servers[0] is ${expected}`;
}

export function rateLimitProblem(
  config: GatewayConfig,
  operation: Operation,
  route: Route,
): string | undefined {
  const document = operation.contract.document;
  const components = xKongComponents(document);
  const op = (document.paths[operation.path]?.[operation.method] ?? {}) as Record<string, unknown>;
  const declared =
    xKongPlugins(op, components, operation.label).get('rate-limiting') ??
    xKongPlugins(document, components, operation.label).get('rate-limiting');
  if (!declared) return undefined;
  const effective = effectivePlugin(config, route, 'rate-limiting');
  if (!effective) return `has no rate-limiting plugin but the contract declares one`;
  const want = (declared.config ?? {}) as Record<string, unknown>;
  const got = effective.config;
  const differs = [...PERIODS, 'limit_by'].filter(
    (field) => (want[field] ?? (field === 'limit_by' ? 'consumer' : undefined)) !== got[field],
  );
  return differs.length === 0
    ? undefined
    : `rate-limiting ${differs.map((f) => `${f}=${String(got[f])} (contract: ${String(want[f] ?? 'unset')})`).join(', ')}`;
}
