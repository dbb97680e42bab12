/**
 * Starts OpenTelemetry tracing for a service process (platform/src/telemetry): a
 * NodeTracerProvider registered globally with the W3C TraceContext propagator and an
 * AsyncLocalStorage context manager, exporting spans nowhere, to stdout, or to memory (tests).
 */
import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
// Processors and exporters come from sdk-trace-node's own re-exports so they match the copy of
// sdk-trace-base it was built against.
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';

/**
 * `none`: spans are created (ids propagate and appear in logs) but not exported.
 * `console`: finished spans are printed to stdout. `memory`: kept in `memoryExporter` for tests.
 * A SpanExporter instance (e.g. OTLP, if a service installs one) is used as is, batched.
 */
export type TracingExporter = 'none' | 'console' | 'memory' | SpanExporter;

export interface TracingOptions {
  serviceName: string;
  serviceVersion?: string;
  exporter: TracingExporter;
}

export interface Tracing {
  readonly tracer: Tracer;
  readonly provider: NodeTracerProvider;
  /** Set when `exporter` is `memory`. */
  readonly memoryExporter: InMemorySpanExporter | undefined;
  /** Flushes pending spans, then unregisters the global provider, propagator and context manager. */
  shutdown(): Promise<void>;
}

function spanProcessorFor(exporter: TracingExporter): {
  processors: SpanProcessor[];
  memory?: InMemorySpanExporter;
} {
  if (exporter === 'none') return { processors: [] };
  if (exporter === 'console')
    return { processors: [new SimpleSpanProcessor(new ConsoleSpanExporter())] };
  if (exporter === 'memory') {
    const memory = new InMemorySpanExporter();
    return { processors: [new SimpleSpanProcessor(memory)], memory };
  }
  return { processors: [new BatchSpanProcessor(exporter)] };
}

/**
 * Registers tracing for this process. Call once in `main.ts` before building the app (and in
 * tests that inspect spans); a second call without `shutdown()` throws rather than leaving the
 * first registration silently in place.
 */
export function initTracing(options: TracingOptions): Tracing {
  const { processors, memory } = spanProcessorFor(options.exporter);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: options.serviceName,
      ...(options.serviceVersion ? { [ATTR_SERVICE_VERSION]: options.serviceVersion } : {}),
    }),
    spanProcessors: processors,
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const registered = [
    trace.setGlobalTracerProvider(provider),
    context.setGlobalContextManager(contextManager),
    propagation.setGlobalPropagator(new W3CTraceContextPropagator()),
  ];
  if (registered.includes(false)) {
    contextManager.disable();
    throw new Error(
      'initTracing: tracing is already registered in this process; call shutdown() on it first',
    );
  }
  return {
    tracer: provider.getTracer('@bazaar/platform'),
    provider,
    memoryExporter: memory,
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
