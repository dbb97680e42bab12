/**
 * rate-limiting (PRIORITY 910, kong-gateway.md A4): per-identifier counters in fixed UTC windows,
 * Kong's X-RateLimit-* / RateLimit-* / Retry-After headers, `error_code` + `error_message` when a
 * window is exhausted. `local` counts only accepted requests; `redis` counts every request (it
 * increments while reading). Store failures follow `fault_tolerant`.
 */
import { kongError } from '../../proxy/kong-response';
import type { RequestContext } from '../../proxy/request-context';
import type { PluginHandler } from '../plugin';
import { clientIp } from '../../proxy/client-ip';
import { localCounters } from './policies/local';
import { acquireRedis } from './policies/redis';
import { PERIODS, type Period, type RateLimitingConfig, rateLimitingSchema } from './schema';
import { WINDOW_SECONDS, windowStarts } from './windows';

const EMPTY_UUID = '00000000-0000-0000-0000-000000000000';
const TITLE: Record<Period, string> = {
  second: 'Second',
  minute: 'Minute',
  hour: 'Hour',
  day: 'Day',
  month: 'Month',
  year: 'Year',
};

/** handler.lua `get_identifier`. */
function identifierFor(ctx: RequestContext, conf: RateLimitingConfig): string {
  let id: string | undefined;
  switch (conf.limit_by) {
    case 'service':
      id = ctx.match?.service?.id;
      break;
    case 'consumer':
      id = ctx.consumer?.id ?? ctx.credential?.id;
      break;
    case 'credential':
      id = ctx.credential?.id;
      break;
    case 'header':
      id = ctx.header(conf.header_name!.toLowerCase().replace(/_/g, '-'));
      break;
    case 'path':
      if (ctx.path === conf.path) id = ctx.path;
      break;
    case 'ip':
      break;
  }
  return id ?? clientIp(ctx);
}

export const rateLimitingPlugin: PluginHandler = {
  name: 'rate-limiting',
  priority: 910,
  schema: rateLimitingSchema,
  create(instance) {
    const conf = instance.config as unknown as RateLimitingConfig;
    const periods = PERIODS.filter((p) => conf[p] !== undefined);
    const keyPrefix = `ratelimit:${instance.routeId ?? EMPTY_UUID}:${instance.serviceId ?? EMPTY_UUID}:`;
    const redis = conf.policy === 'redis' ? acquireRedis(conf.redis) : undefined;

    function key(identifier: string, period: Period, starts: Record<Period, number>): string {
      return `${keyPrefix}${identifier}:${starts[period]}:${period}`;
    }

    /** Steps 2-3 of A4.4, given the usage before this request; returns true when it must stop. */
    function decide(
      ctx: RequestContext,
      usage: number[],
      nowMs: number,
      starts: Record<Period, number>,
    ): boolean {
      let stop = -1;
      for (let i = 0; i < periods.length; i++) if (conf[periods[i]!]! - usage[i]! <= 0) stop = i;
      if (!conf.hide_client_headers) {
        const headers: [string, string][] = [];
        let limit = 0;
        let remaining = Infinity;
        let window = 0;
        let reset = 0;
        for (let i = 0; i < periods.length; i++) {
          const period = periods[i]!;
          const periodLimit = conf[period]!;
          let left = periodLimit - usage[i]!;
          if (stop === -1 || stop === i) left -= 1;
          left = Math.max(0, left);
          const length = WINDOW_SECONDS[period];
          if (left < remaining || (left === remaining && length > window)) {
            limit = periodLimit;
            remaining = left;
            window = length;
            reset = Math.max(
              1,
              length - Math.floor((Math.floor(nowMs / 1000) * 1000 - starts[period]) / 1000),
            );
          }
          headers.push([`X-RateLimit-Limit-${TITLE[period]}`, String(periodLimit)]);
          headers.push([`X-RateLimit-Remaining-${TITLE[period]}`, String(left)]);
        }
        headers.push(
          ['RateLimit-Limit', String(limit)],
          ['RateLimit-Remaining', String(remaining)],
          ['RateLimit-Reset', String(reset)],
        );
        if (stop !== -1) headers.push(['Retry-After', String(reset)]);
        (ctx.accessResponseHeaders ??= []).push(...headers);
      }
      if (stop === -1) return false;
      kongError(ctx, conf.error_code, conf.error_message);
      return true;
    }

    function accessLocal(ctx: RequestContext): void {
      const now = Date.now();
      const starts = windowStarts(now);
      const identifier = identifierFor(ctx, conf);
      const keys = periods.map((p) => key(identifier, p, starts));
      const usage = keys.map((k) => localCounters.usage(k, now));
      if (decide(ctx, usage, now, starts)) return;
      keys.forEach((k, i) => localCounters.increment(k, now, WINDOW_SECONDS[periods[i]!]));
    }

    async function accessRedis(ctx: RequestContext): Promise<void> {
      const now = Date.now();
      const starts = windowStarts(now);
      const identifier = identifierFor(ctx, conf);
      let usage: number[];
      try {
        const pipeline = redis!.client.pipeline();
        for (const p of periods)
          (pipeline as unknown as { kongIncr(k: string, ttl: number): void }).kongIncr(
            key(identifier, p, starts),
            WINDOW_SECONDS[p],
          );
        const results = (await pipeline.exec()) ?? [];
        usage = results.map(([err, value]) => {
          if (err) throw err;
          return Number(value);
        });
        if (usage.length !== periods.length) throw new Error('incomplete Redis pipeline result');
      } catch (err) {
        if (!conf.fault_tolerant) throw err;
        // Fault tolerant: proxy without limiting and without any rate-limit header.
        return;
      }
      decide(ctx, usage, now, starts);
    }

    return {
      access: conf.policy === 'redis' ? accessRedis : accessLocal,
      close: async () => redis?.release(),
    };
  },
};
