/**
 * The metrics Kong's prometheus plugin exports (kong/plugins/prometheus/exporter.lua), named
 * alike (`kong_http_requests_total`, `kong_kong_latency_ms`, …) and kept per gateway instance.
 * Node-wide gauges (`kong_nginx_*`, `kong_node_info`) exist whether or not the plugin is on;
 * request metrics are recorded only by prometheus plugin instances, per their config flags.
 */
import { randomUUID } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { KONG_VERSION } from '../kong-version';

const KONG_LATENCY_BUCKETS = [
  1, 2, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 750, 1000, 3000, 6000,
];
const UPSTREAM_LATENCY_BUCKETS = [
  25, 50, 80, 100, 250, 400, 700, 1000, 2000, 5000, 10000, 30000, 60000,
];

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly nodeId = randomUUID();
  private requests = 0;
  private connectionsAccepted = 0;
  private connectionsActive = 0;

  readonly httpRequests = new Counter({
    name: 'kong_http_requests_total',
    help: 'HTTP status codes per consumer/service/route in Kong',
    labelNames: ['service', 'route', 'code', 'source', 'workspace', 'consumer'],
    registers: [this.registry],
  });
  readonly kongLatency = new Histogram({
    name: 'kong_kong_latency_ms',
    help: 'Latency added by Kong and enabled plugins for each service/route in Kong',
    labelNames: ['service', 'route', 'workspace'],
    buckets: KONG_LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly upstreamLatency = new Histogram({
    name: 'kong_upstream_latency_ms',
    help: 'Latency added by upstream response for each service/route in Kong',
    labelNames: ['service', 'route', 'workspace'],
    buckets: UPSTREAM_LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly requestLatency = new Histogram({
    name: 'kong_request_latency_ms',
    help: 'Total latency incurred during requests for each service/route in Kong',
    labelNames: ['service', 'route', 'workspace'],
    buckets: UPSTREAM_LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly bandwidth = new Counter({
    name: 'kong_bandwidth_bytes',
    help: 'Total bandwidth (ingress/egress) throughput in bytes',
    labelNames: ['service', 'route', 'direction', 'workspace', 'consumer'],
    registers: [this.registry],
  });

  constructor() {
    const nodeId = this.nodeId;
    new Gauge({
      name: 'kong_node_info',
      help: 'Kong Node metadata information',
      labelNames: ['node_id', 'version'],
      registers: [this.registry],
    }).set({ node_id: nodeId, version: KONG_VERSION }, 1);
    new Gauge({
      name: 'kong_datastore_reachable',
      help: 'Datastore reachable from Kong, 0 is unreachable',
      registers: [this.registry],
    }).set(1);
    const counters = (): { requests: number; accepted: number; active: number } => ({
      requests: this.requests,
      accepted: this.connectionsAccepted,
      active: this.connectionsActive,
    });
    new Gauge({
      name: 'kong_nginx_requests_total',
      help: 'Number of requests total',
      labelNames: ['node_id', 'subsystem'],
      registers: [this.registry],
      collect() {
        this.set({ node_id: nodeId, subsystem: 'http' }, counters().requests);
      },
    });
    new Gauge({
      name: 'kong_nginx_connections_total',
      help: 'Number of connections by subsystem',
      labelNames: ['node_id', 'subsystem', 'state'],
      registers: [this.registry],
      collect() {
        const c = counters();
        this.set({ node_id: nodeId, subsystem: 'http', state: 'accepted' }, c.accepted);
        this.set({ node_id: nodeId, subsystem: 'http', state: 'handled' }, c.accepted);
        this.set({ node_id: nodeId, subsystem: 'http', state: 'total' }, c.requests);
        this.set({ node_id: nodeId, subsystem: 'http', state: 'active' }, c.active);
      },
    });
  }

  requestStarted(): void {
    this.requests += 1;
  }

  connectionOpened(): void {
    this.connectionsAccepted += 1;
    this.connectionsActive += 1;
  }

  connectionClosed(): void {
    this.connectionsActive -= 1;
  }

  /** The `server` object of Kong's `/status`. */
  serverCounters(): Record<string, number> {
    return {
      connections_accepted: this.connectionsAccepted,
      connections_handled: this.connectionsAccepted,
      connections_active: this.connectionsActive,
      total_requests: this.requests,
    };
  }

  async exposition(): Promise<string> {
    return this.registry.metrics();
  }
}
