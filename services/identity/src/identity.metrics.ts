/**
 * The identity service's own Prometheus counters (services/identity/src), registered on the
 * service's registry (runtime.metrics) beside the platform's HTTP and outbox metrics.
 */
import { Counter, type Registry } from '@bazaar/platform/telemetry/index';

export interface IdentityMetrics {
  registrations: Counter;
  logins: Counter<'outcome'>;
  refreshes: Counter<'outcome'>;
  serviceTokens: Counter<'outcome'>;
}

export function createIdentityMetrics(registry: Registry): IdentityMetrics {
  return {
    registrations: new Counter({
      name: 'identity_registrations_total',
      help: 'Accounts created (registration, bootstrap admin and the create-admin CLI).',
      registers: [registry],
    }),
    logins: new Counter({
      name: 'identity_logins_total',
      help: 'Sign-in attempts by outcome: success, or failure (unknown email or wrong password).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    refreshes: new Counter({
      name: 'identity_token_refreshes_total',
      help: 'Refresh-token presentations by outcome: success, invalid, or reused (family revoked).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    serviceTokens: new Counter({
      name: 'identity_service_tokens_total',
      help: 'Service-token requests by outcome: success, or failure (unknown client or wrong secret).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}
