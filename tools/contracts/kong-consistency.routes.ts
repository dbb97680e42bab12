// Route checks of the Kong consistency gate: loads kong.yml through the local gateway's validator
// and router (Kong's traditional_compatible matching and priorities, kong-gateway.md A2), sends
// one sample request per contract operation and per public path's CORS preflight, and checks that
// each lands on exactly one route with the right method, upstream, jwt and rate limit.
import { NON_CONTRACT_TAG } from '../../gateway/generator/src/overlays';
import { generateKeyPairSync } from 'node:crypto';
import { renderDeckEnv } from '../../gateway/generator/render-kong-config';
import { parseDeclarativeConfig } from '../../gateway/runtime/src/declarative-config/load-config';
import type {
  GatewayConfig,
  Route,
  Service,
} from '../../gateway/runtime/src/declarative-config/model';
import { compileRoutes } from '../../gateway/runtime/src/router/compile-routes';
import { Router } from '../../gateway/runtime/src/router/match-route';
import type { ServiceContract } from '../codegen/lib/openapi-model';
import {
  effectivePlugin,
  type Operation,
  rateLimitProblem,
  upstreamProblem,
} from './kong-consistency.policies';

/** A throwaway key for `${{ env "DECK_…_KEY" }}`, which the validator requires to be a real PEM. */
let samplePem: string | undefined;
function sampleEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [, name] of text.matchAll(/env\s+"(DECK_[A-Za-z0-9_]+)"/g)) {
    samplePem ??= generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    }) as string;
    // Keys need a parsable value; anything else gets its own name, as decK's mock mode does.
    env[name!] = name!.endsWith('_KEY') ? samplePem : name!;
  }
  return env;
}

/** A concrete request path for a template; UUID-shaped values never equal a literal segment. */
function samplePath(template: string): string {
  let n = 0;
  return template.replace(
    /\{[^}]+\}/g,
    () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  );
}

function routerFor(routes: readonly Route[], services: Map<string, Service>): Router {
  return new Router(compileRoutes(routes, services));
}

function matches(router: Router, method: string, path: string): Route | undefined {
  return router.match({ method, host: 'localhost', path, listenPort: 8000, headerValues: () => [] })
    ?.route;
}

/** Every finding about kong.yml's routes against the contracts; empty when consistent. */
export function checkKongRoutes(
  kongYmlText: string,
  source: string,
  contracts: ServiceContract[],
): string[] {
  let config: GatewayConfig;
  try {
    config = parseDeclarativeConfig(renderDeckEnv(kongYmlText, sampleEnv(kongYmlText)), source);
  } catch (error) {
    return [`${source} cannot be loaded: ${(error as Error).message}`];
  }
  const findings: string[] = [];
  const services = new Map(config.services.map((s) => [s.id, s]));
  const router = routerFor(config.routes, services);
  const routeName = (r: Route) => r.name ?? r.id;
  const operations: Operation[] = contracts.flatMap((contract) =>
    contract.operations.map((o) => ({
      ...o,
      contract,
      sample: samplePath(o.path),
      label: `${contract.service}.${o.operationId} (${o.method.toUpperCase()} ${o.path})`,
    })),
  );
  const publicOps = operations.filter((o) => !o.internal);
  const isPreflight = (r: Route) => r.methods?.length === 1 && r.methods[0] === 'OPTIONS';
  const claimed = new Map<Route, Operation[]>();

  for (const route of config.routes) {
    const alone = routerFor([route], services);
    if (isPreflight(route)) {
      if (!publicOps.some((o) => matches(alone, 'OPTIONS', o.sample)))
        findings.push(
          `preflight route ${routeName(route)} matches no public path of the contracts`,
        );
      if (effectivePlugin(config, route, 'jwt'))
        findings.push(`preflight route ${routeName(route)} has the jwt plugin`);
      continue;
    }
    const hits = operations.filter((o) => matches(alone, o.method.toUpperCase(), o.sample));
    if (route.tags?.includes(NON_CONTRACT_TAG)) {
      // Overlay routes (the docs portal) serve no operation; they must never catch one's requests.
      for (const o of hits)
        findings.push(`non-contract route ${routeName(route)} catches ${o.label}`);
      continue;
    }
    claimed.set(route, hits);
    if (hits.length === 0) findings.push(`route ${routeName(route)} maps to no contract operation`);
  }

  for (const operation of operations) {
    const method = operation.method.toUpperCase();
    const winner = matches(router, method, operation.sample);
    if (operation.internal) {
      if (winner)
        findings.push(
          `internal operation ${operation.label} is reachable through route ${routeName(winner)}`,
        );
      continue;
    }
    const candidates = [...claimed].filter(([, ops]) => ops.includes(operation)).map(([r]) => r);
    if (candidates.length === 0 || !winner) {
      findings.push(`operation ${operation.label} has no route`);
      continue;
    }
    if (candidates.length > 1)
      findings.push(
        `operation ${operation.label} is matched by ${candidates.length} routes: ${candidates.map(routeName).join(', ')}`,
      );
    const where = `operation ${operation.label}: route ${routeName(winner)}`;
    if (winner.methods?.length !== 1 || winner.methods[0] !== method)
      findings.push(
        `${where} has methods [${(winner.methods ?? []).join(', ')}], expected exactly [${method}]`,
      );
    const jwt = effectivePlugin(config, winner, 'jwt');
    if (operation.secured && !jwt)
      findings.push(`${where} lacks the jwt plugin of a secured operation`);
    if (!operation.secured && jwt)
      findings.push(`${where} has the jwt plugin but the operation is public`);
    const upstream = upstreamProblem(
      operation,
      winner.serviceId ? services.get(winner.serviceId) : undefined,
    );
    if (upstream) findings.push(`${where} ${upstream}`);
    const limit = rateLimitProblem(config, operation, winner);
    if (limit) findings.push(`${where} ${limit}`);
  }

  for (const template of new Set(publicOps.map((o) => o.path))) {
    const preflight = matches(router, 'OPTIONS', samplePath(template));
    if (!preflight)
      findings.push(
        `CORS preflight (OPTIONS ${template}) matches no route: browsers would get 404`,
      );
    else if (!isPreflight(preflight))
      findings.push(
        `CORS preflight (OPTIONS ${template}) goes to ${routeName(preflight)}, not to a preflight route`,
      );
  }
  return findings;
}
