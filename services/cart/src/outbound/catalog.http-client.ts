/**
 * The cart's only call to another context: a product lookup in the catalog through the GENERATED
 * catalog client (getProduct), carrying the request's correlation id and trace, with a timeout
 * per call, bounded retries with full jitter (GET is idempotent) inside an overall deadline, and
 * a circuit breaker, so a catalog outage answers 503 quickly instead of hanging every add.
 */
import { createCatalogClient } from '@bazaar/generated/http/catalog/client';
import { ProblemError } from '@bazaar/generated/http/runtime/client-runtime';
import type { Registry } from '@bazaar/platform/telemetry/index';
import {
  Counter,
  currentCorrelationId,
  currentTraceparent,
} from '@bazaar/platform/telemetry/index';
import {
  CircuitOpenError,
  Deadline,
  createCircuitBreaker,
  retry,
  type CircuitBreaker,
} from '@bazaar/platform/resilience/index';
import type { CatalogRead } from '../persistence/catalog-products.repository';

export interface CatalogClientSettings {
  baseUrl: string;
  /** Per call, in ms. */
  timeoutMs: number;
  /** For one lookup, retries included, in ms. */
  deadlineMs: number;
  /** Calls per lookup, the first included. */
  attempts: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** Failed calls in a row that open the circuit. */
  breakerThreshold: number;
  breakerHalfOpenAfterMs: number;
  /** Retry-After (s) suggested when the catalog failed but the circuit is still closed. */
  retryAfterSeconds: number;
  /** Where the lookup counter is registered (the service's registry). */
  metrics?: Registry;
  /** A fetch implementation (tests of the transport); default the global one. */
  fetch?: (request: Request) => Promise<Response>;
}

/** The catalog could not answer: nothing was changed; the caller may retry after `retryAfterSeconds`. */
export class CatalogUnavailableError extends Error {
  override name = 'CatalogUnavailableError';
  constructor(
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super('the catalog could not be asked for the product', options);
  }
}

export interface CatalogProducts {
  /** The product, or undefined when the catalog does not know it (never created, or deleted). */
  getProduct(productId: string): Promise<CatalogRead | undefined>;
  readonly breaker: CircuitBreaker;
}

/** Statuses that say "try again": the catalog is overloaded, restarting or behind a failing proxy. */
const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

function isTransient(error: unknown): boolean {
  if (error instanceof ProblemError) return TRANSIENT_STATUSES.has(error.status);
  // Network errors (TypeError from fetch) and timeouts (AbortError/TimeoutError) are transient.
  return !(error instanceof CircuitOpenError);
}

export function createCatalogProducts(settings: CatalogClientSettings): CatalogProducts {
  const client = createCatalogClient({
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    correlationId: currentCorrelationId,
    traceparent: () => currentTraceparent(),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });
  const breaker = createCircuitBreaker({
    name: 'catalog',
    breaker: { kind: 'consecutive', threshold: settings.breakerThreshold },
    halfOpenAfterMs: settings.breakerHalfOpenAfterMs,
    isFailure: isTransient,
  });
  const lookups = new Counter({
    name: 'cart_catalog_lookups_total',
    help: 'Product lookups in the catalog by outcome (found, not_found, unavailable, circuit_open).',
    labelNames: ['outcome'] as const,
    registers: settings.metrics ? [settings.metrics] : [],
  });

  /**
   * One request. A 404 is an answer, not a failure: it resolves (undefined) inside the breaker,
   * so it counts as the catalog being up and is never retried.
   */
  async function callOnce(
    productId: string,
    signal: AbortSignal,
  ): Promise<CatalogRead | undefined> {
    try {
      const product = await client.getProduct({ params: { path: { productId } }, signal });
      return {
        productId: product.id,
        sku: product.sku,
        name: product.name,
        price: product.price,
        inStock: product.inStock,
        asOf: new Date(product.updatedAt),
      };
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) return undefined;
      throw error;
    }
  }

  async function getProduct(productId: string): Promise<CatalogRead | undefined> {
    try {
      const product = await retry(
        ({ signal }) =>
          breaker.execute((inner) => callOnce(productId, AbortSignal.any([signal, inner]))),
        {
          maxAttempts: settings.attempts,
          baseDelayMs: settings.retryBaseDelayMs,
          maxDelayMs: settings.retryMaxDelayMs,
          deadline: Deadline.after(settings.deadlineMs),
          shouldRetry: isTransient,
        },
      );
      lookups.inc({ outcome: product ? 'found' : 'not_found' });
      return product;
    } catch (error) {
      if (error instanceof CircuitOpenError) {
        lookups.inc({ outcome: 'circuit_open' });
        throw new CatalogUnavailableError(error.retryAfterSeconds, { cause: error });
      }
      if (!isTransient(error)) throw error;
      lookups.inc({ outcome: 'unavailable' });
      const retryAfterSeconds =
        breaker.state === 'open'
          ? Math.max(1, Math.ceil(breaker.retryAfterMs() / 1000))
          : settings.retryAfterSeconds;
      throw new CatalogUnavailableError(retryAfterSeconds, { cause: error });
    }
  }

  return { getProduct, breaker };
}
