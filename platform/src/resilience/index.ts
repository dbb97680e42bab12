/** Public surface of platform/src/resilience: retries with full jitter, circuit breaker, deadlines and timeouts. */
export { fullJitterDelayMs, sleep, type BackoffOptions } from './backoff';
export { retry, type RetryAttempt, type RetryEvent, type RetryOptions } from './retry';
export {
  createCircuitBreaker,
  CircuitOpenError,
  type CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitBreakerState,
  type ConsecutiveBreakerOptions,
  type SamplingBreakerOptions,
} from './circuit-breaker';
export {
  Deadline,
  DeadlineExceededError,
  withTimeout,
  type Clock,
  type TimeoutOptions,
} from './deadline';
