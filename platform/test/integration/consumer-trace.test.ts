/**
 * Trace context across the outbox (architecture §8): an event appended inside a request's span is
 * handled, after the relay and RabbitMQ, inside a CONSUMER span of the same trace whose parent is
 * the producing span, with eventType/eventId/correlationId in the log context.
 */
import { context, SpanKind, trace } from '@opentelemetry/api';
import { withTransaction } from '../../src/db';
import {
  appendToOutbox,
  createEventConsumer,
  EventPublisher,
  OutboxRelay,
  type EventConsumer,
  type EventHandlerContext,
} from '../../src/events';
import { getLogContext } from '../../src/telemetry/log-context';
import { initTracing, type Tracing } from '../../src/telemetry/tracing';
import {
  createTestBroker,
  createTestDatabase,
  waitFor,
  type TestDatabase,
} from '../../src/testing';
import {
  testRegistry,
  WIDGET_CHANGED,
  widgetChanged,
  type WidgetChangedEvent,
} from './support/test-events';

jest.setTimeout(30_000);

const broker = createTestBroker('consumer-trace');
let db: TestDatabase;
let tracing: Tracing;
let consumer: EventConsumer;
let publisher: EventPublisher;
let relay: OutboxRelay;
let seen: { traceId?: string; logContext: Record<string, unknown> } | undefined;

beforeAll(async () => {
  tracing = initTracing({ serviceName: 'consumer-trace', exporter: 'memory' });
  db = await createTestDatabase('consumer-trace');
  consumer = createEventConsumer({
    connection: await broker.connect('consumer'),
    service: 'trace',
    exchange: broker.exchange,
    queuePrefix: broker.queuePrefix,
    receives: [WIDGET_CHANGED],
    handlers: {
      [WIDGET_CHANGED]: async (_event: WidgetChangedEvent, _ctx: EventHandlerContext) => {
        seen = {
          traceId: trace.getSpanContext(context.active())?.traceId,
          logContext: { ...getLogContext() },
        };
      },
    },
    registry: testRegistry,
    pool: db.pool,
  });
  await consumer.start();
  publisher = await EventPublisher.create({
    connection: await broker.connect('relay'),
    exchange: broker.exchange,
  });
  relay = new OutboxRelay({ pool: db.pool, publisher });
  await relay.start();
});
afterAll(async () => {
  await relay.stop();
  await publisher.close();
  await consumer.stop();
  await broker.cleanup();
  await db.drop();
  await tracing.shutdown();
});

describe('an event appended inside a span', () => {
  let event: WidgetChangedEvent;
  let producer: { traceId: string; spanId: string };

  beforeAll(async () => {
    await tracing.tracer.startActiveSpan('place widget', async (span) => {
      producer = { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId };
      event = widgetChanged('traced', 1, 'corr-trace');
      await withTransaction(db.pool, (tx) =>
        appendToOutbox(tx, [event], { registry: testRegistry }),
      );
      span.end();
    });
    await waitFor(() => seen, { description: 'the handler to run' });
  });

  it("carries the producing span's trace id in its envelope", () => {
    expect(event.traceId).toBe(producer.traceId);
  });

  it('is handled inside the same trace', () => {
    expect(seen?.traceId).toBe(producer.traceId);
  });

  it('is handled in a CONSUMER span whose parent is the producing span', async () => {
    // The span ends just after the handler returns: wait for it, not merely for the handler.
    const spans = await waitFor(() => {
      const consumerSpans = tracing.memoryExporter
        ?.getFinishedSpans()
        .filter((s) => s.kind === SpanKind.CONSUMER);
      return consumerSpans?.length ? consumerSpans : undefined;
    });
    expect(spans).toHaveLength(1);
    expect(spans[0]?.name).toBe(`${WIDGET_CHANGED} process`);
    expect(spans[0]?.parentSpanContext?.spanId).toBe(producer.spanId);
  });

  it('is handled with eventType, eventId and correlationId in the log context', () => {
    expect(seen?.logContext).toMatchObject({
      eventType: WIDGET_CHANGED,
      eventId: event.eventId,
      correlationId: 'corr-trace',
    });
  });
});
