import path from 'node:path';
import { loadEventContracts } from '../../../tools/codegen/lib/asyncapi-model';
import { loadEventCatalogue, type EventCatalogue } from './events.model';

const ROOT = path.resolve(__dirname, '../../..');
let catalogue: EventCatalogue;
let codegen: Awaited<ReturnType<typeof loadEventContracts>>;
beforeAll(async () => {
  [catalogue, codegen] = await Promise.all([loadEventCatalogue(ROOT), loadEventContracts(ROOT)]);
}, 30_000);

describe('the event catalogue read from the AsyncAPI contracts', () => {
  it('has the events the code generator sees, with the same producer and partition key', () => {
    expect(catalogue.events.map((e) => [e.eventType, e.producer, e.partitionKey])).toEqual(
      codegen.events.map((e) => [e.eventType, e.producer, e.partitionKey]),
    );
  });

  it('lists as consumers exactly the services whose documents receive the event', () => {
    for (const event of catalogue.events) {
      const receivers = codegen.services
        .filter((s) => s.receives.includes(event.eventType))
        .map((s) => s.service);
      expect({ event: event.eventType, consumers: event.consumers.map((c) => c.service) }).toEqual({
        event: event.eventType,
        consumers: receivers.sort(),
      });
    }
  });

  it('names each consumer queue and what the consumer does', () => {
    const created = catalogue.events.find(
      (e) => e.eventType === 'ecommerce.order.order.created.v1',
    )!;
    const cart = created.consumers.find((c) => c.service === 'cart')!;
    expect(cart.queue).toBe('bazaar.cart');
    expect(cart.summary).not.toBe('');
  });

  it('gives every event its payload schema and at least one example envelope', () => {
    for (const event of catalogue.events) {
      expect({
        event: event.eventType,
        hasProperties: 'properties' in event.payloadSchema,
      }).toEqual({
        event: event.eventType,
        hasProperties: true,
      });
      expect((event.examples[0]?.payload as { eventType?: string } | undefined)?.eventType).toBe(
        event.eventType,
      );
    }
  });

  it('reads the shared envelope, its AMQP headers and the one exchange', () => {
    expect(Object.keys(catalogue.envelope.properties as object)).toEqual([
      'eventId',
      'eventType',
      'occurredAt',
      'producer',
      'traceId',
      'correlationId',
      'schemaVersion',
      'partitionKey',
      'payload',
    ]);
    expect(Object.keys(catalogue.headers.properties as object)).toContain('traceparent');
    expect(catalogue.exchange).toBe('bazaar.events');
  });
});
