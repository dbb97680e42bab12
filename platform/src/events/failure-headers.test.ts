import {
  attemptsSoFar,
  deadLetterHeaders,
  describeError,
  HEADER,
  originalRoutingKey,
  retryHeaders,
} from './failure-headers';

const input = {
  headers: { traceparent: 'tp', 'x-death': [{ count: 1 }], 'x-first-death-queue': 'q' },
  attempts: 2,
  routingKey: 'ecommerce.test.thing.happened.v1',
  exchange: 'bazaar.events',
  consumer: 'orders',
};

describe('failure headers', () => {
  it('counts zero attempts on a first delivery and reads the recorded count later', () => {
    expect(attemptsSoFar(undefined)).toBe(0);
    expect(attemptsSoFar({ [HEADER.attempts]: 3 })).toBe(3);
  });

  it('prefers the recorded original routing key over the one a retry arrives with', () => {
    expect(originalRoutingKey({ [HEADER.originalRoutingKey]: 'a.b' }, 'bazaar.orders')).toBe('a.b');
    expect(originalRoutingKey({}, 'a.b')).toBe('a.b');
  });

  it('drops broker-maintained headers and keeps the trace context on a retry copy', () => {
    const headers = retryHeaders(input, new Error('db down\nmore detail'));
    expect(headers).toEqual({
      traceparent: 'tp',
      [HEADER.attempts]: 2,
      [HEADER.originalRoutingKey]: input.routingKey,
      [HEADER.originalExchange]: 'bazaar.events',
      [HEADER.error]: 'db down',
    });
  });

  it('records reason, consumer, time and the first stack frame on a dead-lettered copy', () => {
    const headers = deadLetterHeaders(
      input,
      'handler-failed',
      new Error('boom'),
      new Date('2030-01-01T00:00:00Z'),
    );
    expect(headers).toMatchObject({
      [HEADER.reason]: 'handler-failed',
      [HEADER.consumer]: 'orders',
      [HEADER.failedAt]: '2030-01-01T00:00:00.000Z',
      [HEADER.error]: 'boom',
    });
    expect(headers[HEADER.errorStack]).toMatch(/^at /);
  });

  it('clips long error messages', () => {
    expect(describeError(new Error('x'.repeat(5000))).message).toHaveLength(1000);
  });
});
