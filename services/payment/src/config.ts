/**
 * Every PAYMENT_* variable of the payment service (services/payment): the shared bootstrap and
 * infrastructure variables, plus where the payment provider is and how calls to it are retried,
 * timed out and cut off by the circuit breaker. main.ts loads them; tests pass their own values.
 */
import { configTypes, defineConfig, serviceVariables } from '@bazaar/platform/config/index';
import { infrastructureVariables } from '@bazaar/platform/service/index';

/**
 * Payment consumes no events: the consumer's settings (queue prefix, prefetch, retry delays) would
 * be variables that do nothing, so they are left out rather than silently ignored.
 */
function withoutConsumerSettings<T extends object>(variables: T) {
  const {
    eventQueuePrefix: _queuePrefix,
    eventPrefetch: _prefetch,
    eventRetryDelaysMs: _retryDelays,
    ...rest
  } = variables as T & {
    eventQueuePrefix?: unknown;
    eventPrefetch?: unknown;
    eventRetryDelaysMs?: unknown;
  };
  return rest as Omit<T, 'eventQueuePrefix' | 'eventPrefetch' | 'eventRetryDelaysMs'>;
}

const infrastructure = withoutConsumerSettings(
  infrastructureVariables({ database: 'bazaar_payment', broker: true }),
);

export const paymentConfig = defineConfig('PAYMENT', {
  ...serviceVariables({ httpPort: 3006 }),
  ...infrastructure,
  pspBaseUrl: {
    type: configTypes.url({ protocols: ['http:', 'https:'] }),
    default: 'http://127.0.0.1:3010',
    description: 'Base URL of the payment provider (the PSP simulator in development).',
  },
  pspMaxAttempts: {
    type: configTypes.integer({ min: 1, max: 5 }),
    default: 5,
    description:
      'Calls made to the provider for one charge or refund, retries included (the contract allows at most 5).',
  },
  pspAttemptTimeoutMs: {
    type: configTypes.integer({ min: 1, max: 60_000 }),
    default: 2_000,
    unit: 'ms',
    description: 'How long one call to the provider may take before it is abandoned and retried.',
  },
  pspDeadlineMs: {
    type: configTypes.integer({ min: 1, max: 120_000 }),
    default: 15_000,
    unit: 'ms',
    description:
      'Budget of one charge or refund, waits and retries included (the contract promises about 15 s).',
  },
  pspBackoffBaseMs: {
    type: configTypes.integer({ min: 0, max: 60_000 }),
    default: 200,
    unit: 'ms',
    description:
      'Upper bound of the first retry delay; retry n waits a random 0..min(max, base·2^(n-1)) (full jitter).',
  },
  pspBackoffMaxMs: {
    type: configTypes.integer({ min: 0, max: 60_000 }),
    default: 2_000,
    unit: 'ms',
    description: 'No retry delay is longer than this.',
  },
  pspBreakerFailureRatio: {
    type: configTypes.number({ min: 0.01, max: 0.99 }),
    default: 0.5,
    description:
      'The circuit opens when more than this share of provider calls in the sliding window failed.',
  },
  pspBreakerWindowMs: {
    type: configTypes.integer({ min: 1_000, max: 3_600_000 }),
    default: 30_000,
    unit: 'ms',
    description: "Length of the circuit breaker's sliding window of provider calls.",
  },
  pspBreakerMinimumCalls: {
    type: configTypes.integer({ min: 1, max: 100_000 }),
    default: 10,
    description:
      'Provider calls the window must hold before the circuit may open (so a few unlucky calls at low traffic do not trip it).',
  },
  pspBreakerHalfOpenAfterMs: {
    type: configTypes.integer({ min: 1, max: 3_600_000 }),
    default: 30_000,
    unit: 'ms',
    description:
      'How long the circuit stays open before one trial call is let through (the Retry-After while open).',
  },
  pspRetryAfterSeconds: {
    type: configTypes.integer({ min: 1, max: 3_600 }),
    default: 5,
    unit: 's',
    description: 'Retry-After answered when every attempt failed but the circuit is still closed.',
  },
});

export type PaymentConfig = ReturnType<typeof paymentConfig.load>;

/** Cross-variable rules defineConfig cannot express; throws naming the variables. */
export function checkPaymentConfig(config: PaymentConfig): PaymentConfig {
  const problems: string[] = [];
  if (config.pspBackoffMaxMs < config.pspBackoffBaseMs)
    problems.push('PAYMENT_PSP_BACKOFF_MAX_MS must be >= PAYMENT_PSP_BACKOFF_BASE_MS');
  if (config.pspAttemptTimeoutMs > config.pspDeadlineMs)
    problems.push('PAYMENT_PSP_ATTEMPT_TIMEOUT_MS must be <= PAYMENT_PSP_DEADLINE_MS');
  if (problems.length > 0)
    throw new Error(
      `Invalid PAYMENT_* configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  return config;
}
