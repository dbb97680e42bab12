/**
 * Prometheus metrics of the calls to the payment provider (services/payment/src/outbound):
 * latency of each call, calls by outcome, attempts per charge or refund, and the circuit
 * breaker's state and transitions, registered on the service's registry (served at /metrics).
 */
import { Counter, Gauge, Histogram, type Registry } from '@bazaar/platform/telemetry/index';
import type { CircuitBreaker, CircuitBreakerState } from '@bazaar/platform/resilience/index';

export type PspOperation = 'charge' | 'refund';

/** Numeric value of each circuit state in `payment_psp_circuit_state`. */
export const CIRCUIT_STATE_VALUE: Record<CircuitBreakerState, number> = {
  closed: 0,
  'half-open': 1,
  open: 2,
  isolated: 3,
};

export interface PspMetrics {
  /** One observation per call made to the provider, in seconds. */
  callDuration: Histogram<'operation' | 'outcome'>;
  /** One increment per call made to the provider. */
  calls: Counter<'operation' | 'outcome'>;
  /** Calls it took per charge or refund (0 when the circuit was open). */
  attemptsPerRequest: Histogram<'operation' | 'result'>;
  /** Charges or refunds answered at once because the circuit was open. */
  circuitRejections: Counter<'operation'>;
}

export function createPspMetrics(registry: Registry, breaker: CircuitBreaker): PspMetrics {
  new Gauge({
    name: 'payment_psp_circuit_state',
    help: 'State of the circuit breaker around the payment provider: 0 closed, 1 half-open, 2 open, 3 isolated.',
    registers: [registry],
    collect() {
      this.set(CIRCUIT_STATE_VALUE[breaker.state]);
    },
  });
  const transitions = new Counter({
    name: 'payment_psp_circuit_transitions_total',
    help: 'Changes of the payment provider circuit breaker, by the state entered.',
    labelNames: ['state'],
    registers: [registry],
  });
  breaker.onStateChange((state) => transitions.inc({ state }));
  return {
    callDuration: new Histogram({
      name: 'payment_psp_call_duration_seconds',
      help: 'Duration of each call to the payment provider, by operation and outcome.',
      labelNames: ['operation', 'outcome'],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers: [registry],
    }),
    calls: new Counter({
      name: 'payment_psp_calls_total',
      help: 'Calls made to the payment provider (each retry counts), by operation and outcome.',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    }),
    attemptsPerRequest: new Histogram({
      name: 'payment_psp_attempts',
      help: 'Calls to the payment provider one charge or refund took, by operation and final result.',
      labelNames: ['operation', 'result'],
      buckets: [0, 1, 2, 3, 4, 5],
      registers: [registry],
    }),
    circuitRejections: new Counter({
      name: 'payment_psp_circuit_rejections_total',
      help: 'Provider calls not made because the circuit breaker was open.',
      labelNames: ['operation'],
      registers: [registry],
    }),
  };
}
