/**
 * Every CART_* environment variable the cart service reads: the shared service and
 * infrastructure variables, and how it reaches the catalog (address, timeout, retries, circuit
 * breaker). The README's configuration table is generated from this file.
 */
import { configTypes, defineConfig, serviceVariables } from '@bazaar/platform/config/index';
import { infrastructureVariables } from '@bazaar/platform/service/index';

export const cartConfig = defineConfig('CART', {
  ...serviceVariables({ httpPort: 3003 }),
  ...infrastructureVariables({ database: 'bazaar_cart', broker: true }),
  catalogUrl: {
    type: configTypes.url({ protocols: ['http:', 'https:'] }),
    default: 'http://127.0.0.1:3002',
    description:
      'Base URL of the catalog service, asked for name, SKU, price and stock of a product being added.',
  },
  catalogTimeoutMs: {
    type: configTypes.integer({ min: 1, max: 60_000 }),
    default: 2_000,
    unit: 'ms',
    description: 'How long one request to the catalog may take before it is abandoned.',
  },
  catalogDeadlineMs: {
    type: configTypes.integer({ min: 1, max: 60_000 }),
    default: 5_000,
    unit: 'ms',
    description:
      'How long one product lookup may take in all, retries included (keep it below the gateway read timeout of 10 s).',
  },
  catalogAttempts: {
    type: configTypes.integer({ min: 1, max: 10 }),
    default: 3,
    description:
      'Most calls for one product lookup (GET is idempotent), the first included; retries wait with exponential backoff and full jitter.',
  },
  catalogRetryBaseDelayMs: {
    type: configTypes.integer({ min: 1, max: 10_000 }),
    default: 50,
    unit: 'ms',
    description:
      'Upper bound of the first retry delay to the catalog; it doubles for each later retry.',
  },
  catalogRetryMaxDelayMs: {
    type: configTypes.integer({ min: 1, max: 60_000 }),
    default: 1_000,
    unit: 'ms',
    description: 'No retry delay to the catalog exceeds this.',
  },
  catalogBreakerThreshold: {
    type: configTypes.integer({ min: 1, max: 1_000 }),
    default: 5,
    description:
      'Failed catalog calls in a row that open the circuit: further lookups then fail at once with 503 until the circuit half-opens.',
  },
  catalogBreakerHalfOpenAfterMs: {
    type: configTypes.integer({ min: 1, max: 600_000 }),
    default: 10_000,
    unit: 'ms',
    description: 'How long the catalog circuit stays open before one trial call is let through.',
  },
  catalogRetryAfterSeconds: {
    type: configTypes.integer({ min: 1, max: 3_600 }),
    default: 2,
    unit: 's',
    description:
      'Retry-After sent with 503 CART_ERR_CATALOG_UNAVAILABLE while the circuit is still closed (an open circuit sends the time until it half-opens).',
  },
});

/** The loaded, frozen configuration. */
export type CartConfig = ReturnType<typeof cartConfig.load>;
