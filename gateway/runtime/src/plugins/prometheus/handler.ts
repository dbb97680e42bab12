/**
 * prometheus (PRIORITY 13): in the log phase, records the request in Kong's metric families
 * (exporter.lua `log`) when a route matched. The metrics are served on the status listener
 * (KONG_STATUS_LISTEN) at `/metrics`, like Kong's Status API.
 */
import type { RequestContext } from '../../proxy/request-context';
import type { PluginHandler } from '../plugin';
import { type PrometheusConfig, prometheusSchema } from './schema';

const WORKSPACE = 'default';

/**
 * nginx `$request_length` (request line, headers, body) and `$bytes_sent` for this request. The
 * head is re-serialized from the raw headers; the body counts by its length.
 */
function bytes(ctx: RequestContext): { ingress: number; egress: number } {
  const req = ctx.req;
  let head = Buffer.byteLength(`${req.method} ${req.url} HTTP/${req.httpVersion}\r\n\r\n`);
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2)
    head += Buffer.byteLength(raw[i]!) + Buffer.byteLength(raw[i + 1]!) + 4;
  const body = ctx.bufferedBody?.length ?? Number(ctx.header('content-length') ?? 0);
  return {
    ingress: head + (Number.isFinite(body) ? body : 0),
    egress: req.socket.bytesWritten - ctx.bytesWrittenAtStart,
  };
}

export const prometheusPlugin: PluginHandler = {
  name: 'prometheus',
  priority: 13,
  schema: prometheusSchema,
  create(instance, env) {
    const conf = instance.config as unknown as PrometheusConfig;
    const m = env.metrics;
    return {
      access(ctx) {
        if (!conf.bandwidth_metrics) return;
        const socket = ctx.req.socket as { bytesRead?: number; bytesWritten?: number };
        ctx.setState('prometheus:bytes', {
          read: socket.bytesRead ?? 0,
          written: socket.bytesWritten ?? 0,
        });
      },
      log(ctx) {
        const match = ctx.match;
        if (!match) return;
        const service = match.service ? (match.service.name ?? match.service.host) : '';
        const route = match.route.name ?? match.route.id;
        const consumer = conf.per_consumer ? (ctx.consumer?.username ?? '') : '';
        if (conf.bandwidth_metrics) {
          const { ingress, egress } = bytes(ctx);
          // Label objects in Kong's declared order, which is the exposition order.
          const labels = (direction: string) => ({
            service,
            route,
            direction,
            workspace: WORKSPACE,
            consumer,
          });
          if (ingress > 0) m.bandwidth.inc(labels('ingress'), ingress);
          if (egress > 0) m.bandwidth.inc(labels('egress'), egress);
        }
        if (conf.status_code_metrics) {
          m.httpRequests.inc({
            service,
            route,
            code: String(ctx.status),
            source: ctx.responseSource === 'service' ? 'service' : 'kong',
            workspace: WORKSPACE,
            consumer,
          });
        }
        if (conf.latency_metrics) {
          const labels = { service, route, workspace: WORKSPACE };
          const end = performance.now();
          m.requestLatency.observe(labels, end - ctx.startedAt);
          if (ctx.proxied && ctx.upstreamHeadersAt > 0) {
            m.upstreamLatency.observe(labels, ctx.upstreamHeadersAt - ctx.upstreamStartedAt);
            m.kongLatency.observe(labels, ctx.upstreamStartedAt - ctx.startedAt);
          } else {
            m.kongLatency.observe(labels, end - ctx.startedAt);
          }
        }
      },
    };
  },
};
