/** Public surface of platform/src/http: the service app builder and its middlewares. */
export {
  createServiceApp,
  DEFAULT_TRUST_PROXY,
  type ServiceApp,
  type ServiceAppOptions,
} from './create-service-app';
export {
  correlationId,
  correlationIdOf,
  CORRELATION_ID_SOURCES,
} from './correlation-id.middleware';
export { tracing } from './tracing.middleware';
export { requestContext } from './request-context.middleware';
export { requestMetrics } from './request-metrics.middleware';
export { requestLogging } from './request-logging.middleware';
export { routeTemplateOf, UNMATCHED_ROUTE } from './route-template';
export { bindEmitterToAddingContext } from './bind-emitter';
export {
  Readiness,
  type ReadinessCheck,
  type ReadinessOptions,
  type ReadinessReport,
  type CheckResult,
} from './readiness';
export {
  operationalRoutes,
  LIVENESS_PATH,
  READINESS_PATH,
  METRICS_PATH,
} from './operational.routes';
export {
  notFound,
  problemResponder,
  PROBLEM_CONTENT_TYPE,
  DEFAULT_WWW_AUTHENTICATE,
  type ProblemResponderOptions,
} from './problem.middleware';
export { toContractProblem } from './problem-mapping';
