/** Public surface of platform/src/telemetry: JSON logs with request context, OpenTelemetry tracing, Prometheus metrics. */
export {
  runWithLogContext,
  addLogContext,
  getLogContext,
  currentCorrelationId,
  type LogFields,
} from './log-context';
export { createLogger, REDACTED_PATHS, type Logger, type LoggerOptions } from './logger';
export {
  currentTraceIds,
  currentTraceparent,
  traceHeaders,
  injectGrpcMetadata,
  GRPC_CORRELATION_ID_KEY,
  extractGrpcContext,
  type TraceIds,
  type GrpcMetadataLike,
} from './trace-context';
export {
  CORRELATION_ID_HEADER,
  outgoingContextHeaders,
  contextPropagationMiddleware,
} from './outgoing-context';
export { withSpan, withGrpcServerSpan, recordSpanError, type WithSpanOptions } from './spans';
export {
  initTracing,
  InMemorySpanExporter,
  type ReadableSpan,
  type Tracing,
  type TracingExporter,
  type TracingOptions,
} from './tracing';
export {
  createMetricsRegistry,
  createHttpMetrics,
  HTTP_DURATION_BUCKETS,
  Registry,
  Counter,
  Histogram,
  Gauge,
  Summary,
  type HttpMetrics,
  type HttpMetricLabels,
  type MetricsRegistryOptions,
} from './metrics';
