import { serviceQueueNames } from './topology';

describe('serviceQueueNames', () => {
  it('names the queues of a service after the bazaar prefix by default', () => {
    const names = serviceQueueNames({ service: 'orders' });
    expect(names).toMatchObject({
      exchange: 'bazaar.events',
      queue: 'bazaar.orders',
      deadLetterQueue: 'bazaar.orders.dlq',
    });
    expect(names.retryQueue(5_000)).toBe('bazaar.orders.retry.5000ms');
  });

  it('takes a test exchange and prefix', () => {
    const names = serviceQueueNames({
      service: 'orders',
      exchange: 'test.x.1',
      queuePrefix: 'test.x.1',
    });
    expect(names.queue).toBe('test.x.1.orders');
  });

  it('refuses a name part with spaces, naming the field', () => {
    expect(() => serviceQueueNames({ service: 'my orders' })).toThrow(/service "my orders"/);
  });
});
