/**
 * The variables every Bazaar service declares for the shared bootstrap (HTTP port, logging,
 * tracing, token verification, shutdown), spread into each service's `defineConfig` call so the
 * names, defaults and descriptions are the same everywhere.
 */
import { configTypes } from './config-types';
import { type ConfigVariable } from './define-config';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Exporters selectable from configuration; tests use the in-memory exporter programmatically. */
export const TRACING_EXPORTERS = ['none', 'console'] as const;
export type TracingExporterName = (typeof TRACING_EXPORTERS)[number];

export interface ServiceVariableDefaults {
  /** The service's REST port (contracts/README.md lists one per service). */
  httpPort: number;
}

/** Returns the shared declarations; spread them first: `defineConfig('ORDERS', { ...serviceVariables({ httpPort: 3004 }), … })`. */
export function serviceVariables(defaults: ServiceVariableDefaults) {
  return {
    httpPort: {
      type: configTypes.port(),
      default: defaults.httpPort,
      description: 'TCP port the REST API listens on (0 picks a free port).',
    } satisfies ConfigVariable<number>,
    httpHost: {
      type: configTypes.string(),
      default: '0.0.0.0',
      description: 'Interface address the REST API binds to.',
    } satisfies ConfigVariable<string>,
    trustProxy: {
      type: configTypes.string(),
      default: 'loopback, linklocal, uniquelocal',
      description:
        'Peers whose X-Forwarded-* headers are believed (express "trust proxy"): the gateway\'s addresses or subnets.',
    } satisfies ConfigVariable<string>,
    logLevel: {
      type: configTypes.oneOf(LOG_LEVELS),
      default: 'info' as LogLevel,
      description: 'Lowest level written to the JSON log on stdout.',
    } satisfies ConfigVariable<LogLevel>,
    tracingExporter: {
      type: configTypes.oneOf(TRACING_EXPORTERS),
      default: 'none' as TracingExporterName,
      description:
        'Where finished OpenTelemetry spans go: nowhere (context still propagates) or stdout.',
    } satisfies ConfigVariable<TracingExporterName>,
    jwtPublicKey: {
      type: configTypes.pem('PUBLIC KEY'),
      description:
        'SPKI PEM of the RS256 key the identity service signs access tokens with (\\n escapes allowed).',
    } satisfies ConfigVariable<string>,
    jwtIssuer: {
      type: configTypes.string(),
      default: 'bazaar-identity',
      description: 'Expected `iss` claim of access tokens (the key of the Kong jwt credential).',
    } satisfies ConfigVariable<string>,
    jwtClockToleranceSeconds: {
      type: configTypes.integer({ min: 0, max: 300 }),
      default: 5,
      unit: 's',
      description: 'Clock skew allowed when checking `exp` and `nbf`.',
    } satisfies ConfigVariable<number>,
    validateResponses: {
      type: configTypes.boolean(),
      default: true,
      description:
        'Validate every response against the OpenAPI contract (turn off only where the cost matters).',
    } satisfies ConfigVariable<boolean>,
    readinessTimeoutMs: {
      type: configTypes.integer({ min: 1, max: 60_000 }),
      default: 2000,
      unit: 'ms',
      description:
        'How long each readiness check (database, broker) may take before it counts as failed.',
    } satisfies ConfigVariable<number>,
    shutdownDrainTimeoutMs: {
      type: configTypes.integer({ min: 0, max: 600_000 }),
      default: 10_000,
      unit: 'ms',
      description:
        'How long in-flight HTTP requests may run after SIGTERM before their connections are cut.',
    } satisfies ConfigVariable<number>,
  };
}
