/**
 * Prometheus metrics for a service (prom-client, platform/src/telemetry): one registry per app
 * with default process metrics and a `service` label; the HTTP bootstrap adds request counters
 * and latency histograms, and each service registers its own metrics on the same registry.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export { Registry, Counter, Histogram, Gauge, Summary } from 'prom-client';

export interface MetricsRegistryOptions {
  /** Added as the `service` label on every metric. */
  service: string;
  /** Process metrics (CPU, memory, event-loop lag, GC). Default true. */
  defaultMetrics?: boolean;
}

export function createMetricsRegistry(options: MetricsRegistryOptions): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}

export type HttpMetricLabels = 'method' | 'route' | 'status';

export interface HttpMetrics {
  requests: Counter<HttpMetricLabels>;
  duration: Histogram<HttpMetricLabels>;
}

/** Seconds; finer at the low end, where REST calls through the gateway should land. */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** `http_requests_total` and `http_request_duration_seconds`, labelled by method, route template, status. */
export function createHttpMetrics(registry: Registry): HttpMetrics {
  return {
    requests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route template and status code.',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from request arrival to the last byte of the response, in seconds.',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_DURATION_BUCKETS,
      registers: [registry],
    }),
  };
}
