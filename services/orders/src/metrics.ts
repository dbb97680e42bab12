/**
 * The orders service's own Prometheus metrics (architecture §8), on the service's registry
 * (runtime.metrics) beside the platform's HTTP, outbox and consumer metrics.
 */
import { Counter, Histogram, type Registry } from '@bazaar/platform/telemetry/index';

export interface OrdersMetrics {
  /** Orders placed (OrderPlaced appended), whatever became of them. */
  ordersCreated: Counter;
  /** placeOrder from request to answer, ms, by outcome. */
  creationLatencyMs: Histogram<'outcome'>;
  /** Orders canceled at placement because stock could not cover them (inventory's own count is inventory_reservation_failures_total). */
  outOfStock: Counter;
  /** Saga steps run (inline or by the worker), by step and outcome. */
  sagaSteps: Counter<'step' | 'outcome'>;
  /** Sagas the worker picked up because they were due, by the action it ran and its result. */
  sagaWorkerRuns: Counter<'action' | 'result'>;
}

export function createOrdersMetrics(registry: Registry): OrdersMetrics {
  return {
    ordersCreated: new Counter({
      name: 'orders_created_total',
      help: 'Orders placed (OrderPlaced appended), whatever became of them.',
      registers: [registry],
    }),
    creationLatencyMs: new Histogram({
      name: 'order_creation_latency_ms',
      help: 'placeOrder from request to answer, in milliseconds, by outcome.',
      labelNames: ['outcome'],
      buckets: [5, 10, 25, 50, 100, 200, 300, 500, 1_000, 2_500, 5_000, 10_000],
      registers: [registry],
    }),
    outOfStock: new Counter({
      name: 'orders_out_of_stock_total',
      help: 'Orders canceled at placement because inventory could not cover their items.',
      registers: [registry],
    }),
    sagaSteps: new Counter({
      name: 'orders_saga_steps_total',
      help: 'Saga steps run, by step (reserve_stock, charge_payment, commit_reservation, expire_reservation, release_stock, refund_payment) and outcome.',
      labelNames: ['step', 'outcome'],
      registers: [registry],
    }),
    sagaWorkerRuns: new Counter({
      name: 'orders_saga_worker_runs_total',
      help: 'Due sagas the worker ran, by action and result (advanced, failed).',
      labelNames: ['action', 'result'],
      registers: [registry],
    }),
  };
}
