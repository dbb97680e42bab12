/**
 * The gateway assembled from a loaded config, once: compiled router, per-route plugin plans with
 * bound plugin instances, upstream pools and metrics. Requests only read from it.
 */
import { CredentialStore } from '../declarative-config/credential-store';
import type { GatewayConfig } from '../declarative-config/model';
import { PluginPlans, type ResolvedPlugin } from '../plugins/plugin-plan';
import { PLUGINS } from '../plugins/registry';
import { compileRoutes } from '../router/compile-routes';
import { Router } from '../router/match-route';
import { GatewayMetrics } from '../status/gateway-metrics';
import { UpstreamPools } from './upstream-pools';

export interface GatewayRuntime {
  router: Router;
  plans: PluginPlans;
  pools: UpstreamPools;
  metrics: GatewayMetrics;
  onPluginError(plugin: string, err: unknown): void;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Where plugin runtime errors go (Kong logs them); default: stderr. */
  logError?: (message: string) => void;
}

export function buildRuntime(config: GatewayConfig, options: RuntimeOptions = {}): GatewayRuntime {
  const credentials = new CredentialStore(config);
  const metrics = new GatewayMetrics();
  const env = { config, credentials, metrics };
  const resolved: ResolvedPlugin[] = config.plugins
    .filter((p) => p.enabled)
    .map((instance) => {
      const handler = PLUGINS[instance.name]!;
      return { handler, instance, phases: handler.create(instance, env) };
    });
  const services = new Map(config.services.map((s) => [s.id, s]));
  const pools = new UpstreamPools();
  const logError = options.logError ?? ((m: string) => process.stderr.write(`${m}\n`));
  return {
    router: new Router(compileRoutes(config.routes, services)),
    plans: new PluginPlans(config, resolved),
    pools,
    metrics,
    onPluginError(plugin, err) {
      logError(`[bazaar-gateway] ${plugin}: ${(err as Error)?.stack ?? String(err)}`);
    },
    async close() {
      await Promise.all(resolved.map((r) => r.phases.close?.()));
      await pools.close();
    },
  };
}
