/**
 * cors (PRIORITY 2000, kong-gateway.md A5): answers preflights (`OPTIONS` + Origin +
 * Access-Control-Request-Method) with 200 before any auth plugin runs, and decorates every other
 * response of the route — upstream or Kong-generated (401, 429, 404, 502…) — in header_filter.
 */
import type { PluginHandler } from '../plugin';
import type { RequestContext } from '../../proxy/request-context';
import { ResponseHeaders } from '../../proxy/response-headers';
import { kongExit } from '../../proxy/kong-response';
import { OriginRules } from './origin-rules';
import { type CorsConfig, corsSchema } from './schema';

const NAME = 'cors';

function addVary(headers: ResponseHeaders, mode: VaryMode): void {
  if (mode === 'set') headers.set('Vary', 'Origin');
  else headers.add('Vary', 'Origin');
}

/** Preflights set `Vary` (fresh response); header_filter appends it to the upstream's. */
type VaryMode = 'set' | 'add';

export const corsPlugin: PluginHandler = {
  name: NAME,
  priority: 2000,
  schema: corsSchema,
  create(instance) {
    const conf = instance.config as unknown as CorsConfig;
    const rules = new OriginRules(conf.origins);
    const methods = conf.methods.join(',');
    const allowHeaders = conf.headers?.length ? conf.headers.join(',') : undefined;
    const exposed = conf.exposed_headers?.length ? conf.exposed_headers.join(',') : undefined;

    /** configure_origin + configure_credentials. */
    function decorate(ctx: RequestContext, headers: ResponseHeaders, vary: VaryMode): void {
      const origin = ctx.header('origin');
      if (rules.restricted) addVary(headers, vary);
      const decision = rules.decide(origin);
      if (decision.kind === 'all') headers.set('Access-Control-Allow-Origin', '*');
      else if (decision.kind === 'origin')
        headers.set('Access-Control-Allow-Origin', decision.value);
      else headers.remove('Access-Control-Allow-Origin');
      if (!conf.credentials) return;
      if (decision.kind !== 'all') {
        headers.set('Access-Control-Allow-Credentials', 'true');
      } else if (origin) {
        // ACAC cannot go with `*`: echo the exact Origin instead.
        addVary(headers, vary);
        headers.set('Access-Control-Allow-Origin', origin);
        headers.set('Access-Control-Allow-Credentials', 'true');
      }
    }

    return {
      access(ctx) {
        const origin = ctx.header('origin');
        if (
          ctx.method !== 'OPTIONS' ||
          !origin ||
          ctx.header('access-control-request-method') === undefined
        )
          return;
        ctx.setState(NAME, true);
        if (conf.preflight_continue) return;
        const headers = new ResponseHeaders();
        decorate(ctx, headers, 'set');
        const acrh = ctx.header('access-control-request-headers');
        if (allowHeaders !== undefined) headers.set('Access-Control-Allow-Headers', allowHeaders);
        else if (acrh !== undefined) headers.set('Access-Control-Allow-Headers', acrh);
        headers.set('Access-Control-Allow-Methods', methods);
        if (conf.max_age !== undefined) headers.set('Access-Control-Max-Age', String(conf.max_age));
        if (
          conf.private_network &&
          ctx.header('access-control-request-private-network') === 'true'
        ) {
          headers.set('Access-Control-Allow-Private-Network', 'true');
        }
        kongExit(ctx, 200, undefined, headers.pairs());
      },
      headerFilter(ctx, headers) {
        if (ctx.state<boolean>(NAME)) return;
        if (!ctx.header('origin') && !conf.allow_origin_absent) return;
        decorate(ctx, headers, 'add');
        if (exposed !== undefined) headers.set('Access-Control-Expose-Headers', exposed);
      },
    };
  },
};
