/**
 * The payment service's definition (services/payment): its database and migrations, the events
 * it sends, and how its parts are wired — the provider client inside retries, timeouts and a
 * circuit breaker, the use cases, the Idempotency-Key guard and the generated API binding.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { paymentEvents } from '@bazaar/generated/events/payment';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { mountPaymentApi } from '@bazaar/generated/http/payment/server';
import { idempotencyKey } from '@bazaar/platform/idempotency/index';
import { createCircuitBreaker } from '@bazaar/platform/resilience/index';
import type { ServiceDefinition, ServiceEvents } from '@bazaar/platform/service/index';
import { checkPaymentConfig, type PaymentConfig } from './config';
import { paymentHandlers } from './http/routes';
import { PaymentProvider } from './outbound/payment-provider';
import { isTransientProviderError } from './outbound/provider-errors';
import { PspClient } from './outbound/psp.http-client';
import { createPspMetrics } from './outbound/psp-metrics';
import { createPayment } from './use-cases/create-payment';
import { getPayment } from './use-cases/get-payment';
import { listRefunds } from './use-cases/list-refunds';
import type { PaymentDeps } from './use-cases/payment-deps';
import { refundPayment } from './use-cases/refund-payment';

export const PAYMENT_MIGRATIONS_DIR = path.resolve(__dirname, '../migrations');

export interface PaymentServiceOverrides {
  /** Unique exchange, queue prefix and connection name for a test. */
  events?: Pick<ServiceEvents, 'exchange' | 'queuePrefix' | 'connectionName'>;
  clock?: () => Date;
  /** [0, 1) source for the retry jitter. */
  random?: () => number;
}

export function paymentService(
  config: PaymentConfig,
  overrides: PaymentServiceOverrides = {},
): ServiceDefinition<PaymentConfig> {
  checkPaymentConfig(config);
  return {
    service: 'payment',
    config,
    migrationsDir: PAYMENT_MIGRATIONS_DIR,
    events: {
      registry: eventRegistry,
      sends: paymentEvents.sends,
      receives: paymentEvents.receives,
      ...overrides.events,
    },
    build({ pool, runtime }) {
      if (!pool) throw new Error('payment: the service database is not configured');
      const breaker = createCircuitBreaker({
        name: 'psp',
        // Failure ratio over a sliding window, not N failures in a row: see README "Resilience".
        breaker: {
          kind: 'sampling',
          threshold: config.pspBreakerFailureRatio,
          durationMs: config.pspBreakerWindowMs,
          minimumRps: (config.pspBreakerMinimumCalls * 1000) / config.pspBreakerWindowMs,
        },
        halfOpenAfterMs: config.pspBreakerHalfOpenAfterMs,
        isFailure: isTransientProviderError,
      });
      breaker.onStateChange((state) =>
        runtime.logger.warn(
          { circuit: breaker.name, state },
          'payment provider circuit changed state',
        ),
      );
      const client = new PspClient(config.pspBaseUrl);
      const provider = new PaymentProvider({
        client,
        breaker,
        metrics: createPspMetrics(runtime.metrics, breaker),
        logger: runtime.logger,
        policy: {
          maxAttempts: config.pspMaxAttempts,
          attemptTimeoutMs: config.pspAttemptTimeoutMs,
          backoffBaseMs: config.pspBackoffBaseMs,
          backoffMaxMs: config.pspBackoffMaxMs,
          retryAfterSeconds: config.pspRetryAfterSeconds,
        },
        ...(overrides.random ? { random: overrides.random } : {}),
      });
      const deps: PaymentDeps = {
        pool,
        provider,
        providerDeadlineMs: config.pspDeadlineMs,
        clock: overrides.clock ?? (() => new Date()),
        newId: randomUUID,
      };
      const handlers = paymentHandlers({
        createPayment: createPayment(deps),
        getPayment: getPayment(deps),
        refundPayment: refundPayment(deps),
        listRefunds: listRefunds(deps),
      });
      // Runs after authentication, the role check and request validation (the binding's
      // per-operation middleware), so a 400, 401 or 403 is never stored, as the contract says.
      const idempotency = idempotencyKey({
        pool,
        onStoreError: (error) =>
          runtime.logger.error({ err: error }, 'Idempotency-Key record not stored'),
      });
      return {
        mountApi(router) {
          mountPaymentApi(router, handlers, {
            ...runtime.mountOptions,
            operationMiddleware: { createPayment: [idempotency], refundPayment: [idempotency] },
          });
        },
        close: () => client.close(),
      };
    },
  };
}
