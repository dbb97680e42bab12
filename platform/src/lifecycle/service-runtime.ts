/**
 * Turns a service's loaded bootstrap configuration (config/service-variables.ts) into the shared
 * runtime pieces (platform/src/lifecycle): logger, tracing, token verification, readiness and the
 * options for the app, the generated binding and the lifecycle, so that every bootstrap variable
 * is used and `main.ts` stays wiring only.
 */
import { createJwtAuthenticate } from '../auth/jwt-authenticate';
import { type ConfigValues } from '../config/define-config';
import { type serviceVariables } from '../config/service-variables';
import { Readiness } from '../http/readiness';
import { createLogger, type Logger } from '../telemetry/logger';
import { createMetricsRegistry, type Registry } from '../telemetry/metrics';
import { initTracing, type Tracing } from '../telemetry/tracing';
import { type Authenticate } from '@bazaar/generated/http/runtime/server-runtime';
import { type DestinationStream } from 'pino';
import { type ListenOptions, type ServiceLifecycleOptions } from './service-lifecycle';

/** The bootstrap part of any service's loaded configuration. */
export type BootstrapConfig = ConfigValues<ReturnType<typeof serviceVariables>>;

export interface ServiceRuntimeOptions {
  /** Service name for logs, metrics and traces, e.g. "orders". */
  service: string;
  serviceVersion?: string;
  /** Log destination; default stdout. */
  logDestination?: DestinationStream;
}

export interface ServiceRuntime {
  logger: Logger;
  tracing: Tracing;
  metrics: Registry;
  readiness: Readiness;
  authenticate: Authenticate;
  /** Spread into createServiceApp({ ...runtime.appOptions, mountApi }). */
  appOptions: {
    service: string;
    logger: Logger;
    metrics: Registry;
    readiness: Readiness;
    trustProxy: string;
  };
  /** Pass to mount<Service>Api(router, handlers, runtime.mountOptions). */
  mountOptions: { authenticate: Authenticate; validateResponses: boolean };
  /** Pass to runService({ ...runtime.lifecycleOptions, start }). */
  lifecycleOptions: ServiceLifecycleOptions;
  /** Pass to lifecycle.listen(app, runtime.listenOptions). */
  listenOptions: ListenOptions;
}

/**
 * Creates the runtime from configuration. Registers tracing globally, so call it once per process
 * (in `main.ts`); tests build their app from explicit pieces instead.
 */
export async function createServiceRuntime(
  config: BootstrapConfig,
  options: ServiceRuntimeOptions,
): Promise<ServiceRuntime> {
  const logger = createLogger({
    service: options.service,
    level: config.logLevel,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const authenticate = await createJwtAuthenticate({
    publicKeyPem: config.jwtPublicKey,
    issuer: config.jwtIssuer,
    clockToleranceSeconds: config.jwtClockToleranceSeconds,
  });
  const tracing = initTracing({
    serviceName: options.service,
    exporter: config.tracingExporter,
    ...(options.serviceVersion ? { serviceVersion: options.serviceVersion } : {}),
  });
  const metrics = createMetricsRegistry({ service: options.service });
  const readiness = new Readiness({ checkTimeoutMs: config.readinessTimeoutMs });
  return {
    logger,
    tracing,
    metrics,
    readiness,
    authenticate,
    appOptions: {
      service: options.service,
      logger,
      metrics,
      readiness,
      trustProxy: config.trustProxy,
    },
    mountOptions: { authenticate, validateResponses: config.validateResponses },
    lifecycleOptions: { logger, readiness, drainTimeoutMs: config.shutdownDrainTimeoutMs },
    listenOptions: { port: config.httpPort, host: config.httpHost },
  };
}
