/**
 * Prometheus metrics for the outbox relay (platform/src/events), registered on the service's
 * prom-client registry: events published/failed, publish lag, batch failures.
 */
import { Counter, Histogram, type Registry } from 'prom-client';
import type { OutboxRelayMetrics } from './outbox-relay';

/** `outbox_events_published_total`, `outbox_events_failed_total`, `outbox_batch_errors_total`, `outbox_publish_lag_ms`. */
export function createOutboxRelayPromMetrics(registry: Registry): OutboxRelayMetrics {
  const published = new Counter({
    name: 'outbox_events_published_total',
    help: 'Outbox events published with a broker confirm.',
    registers: [registry],
  });
  const failed = new Counter({
    name: 'outbox_events_failed_total',
    help: 'Outbox event publish attempts that were not confirmed (retried later).',
    registers: [registry],
  });
  const batchErrors = new Counter({
    name: 'outbox_batch_errors_total',
    help: 'Relay batches that failed as a whole (database or broker unreachable).',
    registers: [registry],
  });
  const lag = new Histogram({
    name: 'outbox_publish_lag_ms',
    help: 'Age of the oldest event in a batch when it was published, ms.',
    buckets: [5, 10, 25, 50, 100, 250, 500, 1_000, 5_000, 30_000],
    registers: [registry],
  });
  return {
    onBatch(result) {
      published.inc(result.published);
      failed.inc(result.failed);
      if (result.published > 0) lag.observe(result.maxLagMs);
    },
    onError() {
      batchErrors.inc();
    },
  };
}
