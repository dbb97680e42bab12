/**
 * Which plugin instance runs for a request (kong-gateway.md A1.7, kong/runloop/plugins_iterator.lua):
 * one instance per plugin name, the most specific of route+service+consumer … global, ordered by
 * PRIORITY. Plans are precomputed per route at load; only the consumer lookup happens per request,
 * after the auth plugins have run.
 */
import type { GatewayConfig, PluginInstance } from '../declarative-config/model';
import type { PluginHandler, PluginPhases } from './plugin';

export interface ResolvedPlugin {
  handler: PluginHandler;
  instance: PluginInstance;
  phases: PluginPhases;
}

export interface PlanEntry {
  handler: PluginHandler;
  /** Best instance when no consumer (or a consumer without its own instance) is authenticated. */
  base: ResolvedPlugin | undefined;
  /** Consumer id → best instance for that consumer, where it differs from `base`. */
  byConsumer: Map<string, ResolvedPlugin> | undefined;
}

/** Entries in descending PRIORITY. */
export type PluginPlan = readonly PlanEntry[];

/**
 * Kong's precedence, 1 = most specific: route+service+consumer, route+consumer, service+consumer,
 * route+service, consumer, route, service, global.
 */
function rank(instance: PluginInstance): number {
  const r = instance.routeId !== undefined;
  const s = instance.serviceId !== undefined;
  const c = instance.consumerId !== undefined;
  if (r && s && c) return 1;
  if (r && c) return 2;
  if (s && c) return 3;
  if (r && s) return 4;
  if (c) return 5;
  if (r) return 6;
  if (s) return 7;
  return 8;
}

function applies(
  instance: PluginInstance,
  routeId?: string,
  serviceId?: string,
  consumerId?: string,
): boolean {
  return (
    (instance.routeId === undefined || instance.routeId === routeId) &&
    (instance.serviceId === undefined || instance.serviceId === serviceId) &&
    (instance.consumerId === undefined || instance.consumerId === consumerId)
  );
}

function best(candidates: ResolvedPlugin[]): ResolvedPlugin | undefined {
  let winner: ResolvedPlugin | undefined;
  for (const c of candidates) if (!winner || rank(c.instance) < rank(winner.instance)) winner = c;
  return winner;
}

export class PluginPlans {
  private readonly byName = new Map<string, ResolvedPlugin[]>();
  private readonly handlers: PluginHandler[];
  private readonly routePlans = new Map<string, PluginPlan>();
  /** Used when no route matched: only global instances, and only header_filter/log run. */
  readonly global: PluginPlan;

  constructor(config: GatewayConfig, resolved: readonly ResolvedPlugin[]) {
    for (const r of resolved) {
      // Our listeners are plain HTTP: an instance limited to other protocols never runs.
      if (!r.instance.enabled || !r.instance.protocols.includes('http')) continue;
      const list = this.byName.get(r.instance.name);
      if (list) list.push(r);
      else this.byName.set(r.instance.name, [r]);
    }
    this.handlers = [...this.byName.values()]
      .map((list) => list[0]!.handler)
      .sort((a, b) => b.priority - a.priority);
    this.global = this.handlers.map((handler) => ({
      handler,
      base: this.byName.get(handler.name)!.find((r) => rank(r.instance) === 8),
      byConsumer: undefined,
    }));
    for (const route of config.routes)
      this.routePlans.set(route.id, this.planFor(route.id, route.serviceId));
  }

  private planFor(routeId: string, serviceId: string | undefined): PluginPlan {
    return this.handlers.map((handler) => {
      const instances = this.byName.get(handler.name)!;
      const base = best(
        instances.filter(
          (r) => r.instance.consumerId === undefined && applies(r.instance, routeId, serviceId),
        ),
      );
      let byConsumer: Map<string, ResolvedPlugin> | undefined;
      const consumerIds = new Set(
        instances.map((r) => r.instance.consumerId).filter((id): id is string => id !== undefined),
      );
      for (const consumerId of consumerIds) {
        const winner = best(
          instances.filter((r) => applies(r.instance, routeId, serviceId, consumerId)),
        );
        if (winner && winner !== base) (byConsumer ??= new Map()).set(consumerId, winner);
      }
      return { handler, base, byConsumer };
    });
  }

  forRoute(routeId: string): PluginPlan {
    return this.routePlans.get(routeId) ?? this.global;
  }

  get size(): number {
    return this.handlers.length;
  }
}

/** The instance of `entry` for the consumer authenticated so far. */
export function resolveEntry(
  entry: PlanEntry,
  consumerId: string | undefined,
): ResolvedPlugin | undefined {
  if (consumerId !== undefined && entry.byConsumer)
    return entry.byConsumer.get(consumerId) ?? entry.base;
  return entry.base;
}
