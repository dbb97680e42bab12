/** prometheus config (kong/plugins/prometheus/schema.lua). All collection flags default to off. */
import type { PluginSchema } from '../plugin';

export interface PrometheusConfig {
  per_consumer: boolean;
  status_code_metrics: boolean;
  ai_metrics: boolean;
  latency_metrics: boolean;
  bandwidth_metrics: boolean;
  upstream_health_metrics: boolean;
  wasm_metrics: boolean;
}

const flag = (description: string) => ({ type: 'boolean' as const, default: false, description });

export const prometheusSchema: PluginSchema = {
  config: {
    type: 'record',
    fields: {
      per_consumer: flag(
        'Fill the consumer label of kong_http_requests_total and kong_bandwidth_bytes.',
      ),
      status_code_metrics: flag('Export kong_http_requests_total.'),
      // No AI plugins, upstream entities or Wasm filters exist in this gateway: these export nothing, as in Kong without them.
      ai_metrics: flag('Export AI metrics (none exist here).'),
      latency_metrics: flag(
        'Export kong_kong_latency_ms, kong_upstream_latency_ms and kong_request_latency_ms.',
      ),
      bandwidth_metrics: flag('Export kong_bandwidth_bytes.'),
      upstream_health_metrics: flag(
        'Export upstream target health (no upstream entities exist here).',
      ),
      wasm_metrics: flag('Export Wasm metrics (none exist here).'),
    },
  },
};
