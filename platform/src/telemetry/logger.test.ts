import { context, trace } from '@opentelemetry/api';
import { addLogContext, runWithLogContext } from './log-context';
import { createLogger } from './logger';
import { initTracing, type Tracing } from './tracing';

function collectingLogger(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'orders',
    level,
    destination: {
      write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
    },
  });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with the service, level label and ISO time', () => {
    const { logger, lines } = collectingLogger();
    logger.info({ orderId: 'o-1' }, 'order placed');
    expect(lines[0]).toMatchObject({
      service: 'orders',
      level: 'info',
      msg: 'order placed',
      orderId: 'o-1',
    });
    expect(String(lines[0]?.['time'])).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('adds the fields of the current log context to every line', async () => {
    const { logger, lines } = collectingLogger();
    await runWithLogContext({ correlationId: 'c-1' }, async () => {
      await Promise.resolve();
      addLogContext({ userId: 'u-1' });
      logger.info('inside');
    });
    logger.info('outside');
    expect(lines[0]).toMatchObject({ correlationId: 'c-1', userId: 'u-1' });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });

  it('carries event fields set by an event handler context', () => {
    const { logger, lines } = collectingLogger();
    runWithLogContext({ eventType: 'ecommerce.order.order.paid.v1', eventId: 'e-1' }, () =>
      logger.warn('handled'),
    );
    expect(lines[0]).toMatchObject({ eventType: 'ecommerce.order.order.paid.v1', eventId: 'e-1' });
  });

  it('redacts authorization headers, passwords and tokens', () => {
    const { logger, lines } = collectingLogger();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer abc.def.ghi', accept: 'application/json' } },
        body: { email: 'a@b.c', password: 'hunter2' },
        session: { tokens: { refreshToken: 'r-1' } },
        accessToken: 'a-1',
      },
      'login',
    );
    expect(lines[0]).toMatchObject({
      req: { headers: { authorization: '[REDACTED]', accept: 'application/json' } },
      body: { email: 'a@b.c', password: '[REDACTED]' },
      session: { tokens: { refreshToken: '[REDACTED]' } },
      accessToken: '[REDACTED]',
    });
  });

  it('leaves out lines below the configured level', () => {
    const { logger, lines } = collectingLogger('warn');
    logger.info('quiet');
    expect(lines).toHaveLength(0);
  });

  describe('with tracing', () => {
    let tracing: Tracing;
    beforeAll(() => {
      tracing = initTracing({ serviceName: 'orders', exporter: 'memory' });
    });
    afterAll(() => tracing.shutdown());

    it('adds the active span trace and span ids', () => {
      const { logger, lines } = collectingLogger();
      const span = tracing.tracer.startSpan('work');
      context.with(trace.setSpan(context.active(), span), () => logger.info('traced'));
      span.end();
      expect(lines[0]).toMatchObject({
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
      });
    });
  });
});
