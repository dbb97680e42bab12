/**
 * Builds the express 5 app every Bazaar service serves (platform/src/http), without listening:
 * correlation id → tracing → log context → metrics → request log → the contract API the service
 * mounts → 404 → problem+json errors, plus /health/live, /health/ready and /metrics.
 */
import express, { type Express, type Router } from 'express';
import { type Logger } from '../telemetry/logger';
import { createHttpMetrics, createMetricsRegistry, type Registry } from '../telemetry/metrics';
import { correlationId } from './correlation-id.middleware';
import { operationalRoutes } from './operational.routes';
import { notFound, problemResponder } from './problem.middleware';
import { Readiness } from './readiness';
import { requestContext } from './request-context.middleware';
import { requestLogging } from './request-logging.middleware';
import { requestMetrics } from './request-metrics.middleware';
import { tracing } from './tracing.middleware';

/**
 * express "trust proxy" default: loopback and private networks, where the gateway runs (Kong in
 * docker compose, or the local gateway on the same host), so `req.ip` is the client address from
 * X-Forwarded-For rather than the gateway's, and a client on the internet cannot spoof it.
 */
export const DEFAULT_TRUST_PROXY = 'loopback, linklocal, uniquelocal';

export interface ServiceAppOptions {
  /** Service name, for the `service` metrics label. */
  service: string;
  logger: Logger;
  /** Mounts the contract API, typically `(router) => mountOrdersApi(router, handlers, {...})`. */
  mountApi: (router: Router) => void;
  /** Registry to expose at /metrics; default a new one with process metrics. */
  metrics?: Registry;
  /** Readiness checks; default none (ready until shutdown begins). */
  readiness?: Readiness;
  /** express "trust proxy" setting. Default DEFAULT_TRUST_PROXY. */
  trustProxy?: string | boolean | number;
}

export interface ServiceApp {
  app: Express;
  metrics: Registry;
  readiness: Readiness;
}

export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  const metrics = options.metrics ?? createMetricsRegistry({ service: options.service });
  const readiness = options.readiness ?? new Readiness();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? DEFAULT_TRUST_PROXY);

  app.use(correlationId());
  // Probes and scrapes come every few seconds: keep them out of traces, request logs and metrics.
  app.use(operationalRoutes(readiness, metrics));
  app.use(tracing());
  app.use(requestContext());
  app.use(requestMetrics(createHttpMetrics(metrics)));
  app.use(requestLogging(options.logger));

  const api = express.Router();
  options.mountApi(api);
  app.use(api);

  app.use(notFound());
  app.use(problemResponder({ logger: options.logger }));
  return { app, metrics, readiness };
}
