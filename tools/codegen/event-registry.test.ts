/**
 * The generated event registry at run time: every example in the AsyncAPI contracts validates,
 * each kind of bad message is rejected with its reason, and publishers build valid envelopes with
 * the partition key taken from the payload field the contract names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createOrdersPublisher, ordersEvents } from '@bazaar/generated/events/orders';
import {
  EVENT_TYPES,
  buildEvent,
  eventDefinitions,
  parseEvent,
  validateEvent,
} from '@bazaar/generated/events/registry';
import { EventContractError } from '@bazaar/generated/events/runtime/events-runtime';
import type { EventEnvelope, EventPayloads } from '@bazaar/generated/events/types';

const asyncapiDir = path.resolve(__dirname, '../../contracts/asyncapi');

type Example = { payload?: { eventType?: string } };
function contractExamples(): [string, unknown][] {
  return readdirSync(asyncapiDir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((file) => {
      const doc = parse(readFileSync(path.join(asyncapiDir, file), 'utf8')) as {
        components?: { messages?: Record<string, { examples?: Example[] }> };
      };
      return Object.values(doc.components?.messages ?? {}).flatMap((m) =>
        (m.examples ?? []).map(
          (e) => [`${file}: ${e.payload?.eventType}`, e.payload] as [string, unknown],
        ),
      );
    });
}

const orderCreated: EventPayloads['ecommerce.order.order.created.v1'] = {
  orderId: '8c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
  customerId: '7b4e2d1c-9a8f-4e6d-b5c4-3a2f1e0d9c8b',
  items: [
    {
      productId: '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70',
      sku: 'MUG-BLUE-01',
      name: 'Blue ceramic mug',
      quantity: 2,
      unitPrice: { amount: 1299, currency: 'USD' },
      lineTotal: { amount: 2598, currency: 'USD' },
    },
  ],
  total: { amount: 2598, currency: 'USD' },
  fromCart: false,
  createdAt: '2026-11-23T10:30:00.000Z',
};

describe('generated event registry', () => {
  it('knows every event type of the contracts, each with its producer', () => {
    expect(EVENT_TYPES).toHaveLength(21);
    expect(eventDefinitions['ecommerce.order.order.created.v1']).toMatchObject({
      producer: 'orders',
      partitionKey: 'orderId',
    });
  });

  it.each(contractExamples())('accepts the contract example %s', (_name, example) => {
    const result = validateEvent(example);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('rejects bytes that are not JSON', () => {
    expect(parseEvent(Buffer.from('{oops'))).toMatchObject({ ok: false, reason: 'not-json' });
  });

  it('rejects JSON that is not an envelope', () => {
    expect(parseEvent('[1,2]')).toMatchObject({ ok: false, reason: 'not-an-envelope' });
  });

  it('rejects an unknown event type', () => {
    expect(validateEvent({ eventType: 'ecommerce.order.order.teleported.v1' })).toMatchObject({
      ok: false,
      reason: 'unknown-type',
    });
  });

  it('rejects a payload that breaks its schema, naming the field', () => {
    const event = buildEvent('ecommerce.order.order.created.v1', orderCreated);
    const broken = {
      ...event,
      payload: { ...event.payload, total: { amount: -1, currency: 'USD' } },
    };
    const result = validateEvent(broken);
    expect(result).toMatchObject({ ok: false, reason: 'schema' });
    expect(result.ok ? '' : result.errors.join()).toContain('/payload/total/amount');
  });

  it('rejects fields the closed envelope does not have', () => {
    const event = buildEvent('ecommerce.order.order.created.v1', orderCreated);
    const result = validateEvent({ ...event, extra: 1 });
    expect(result.ok ? '' : result.errors.join()).toContain('extra');
  });

  it('accepts payload fields added by a newer producer (payloads are open)', () => {
    const event = buildEvent('ecommerce.order.order.created.v1', orderCreated);
    expect(validateEvent({ ...event, payload: { ...event.payload, giftWrap: true } }).ok).toBe(
      true,
    );
  });

  it('builds an envelope with ids, producer, schema version and the partition key from the payload', () => {
    const event = buildEvent('ecommerce.order.order.created.v1', orderCreated, {
      correlationId: 'corr-1',
      traceId: 'a'.repeat(32),
    });
    expect(event).toMatchObject({
      eventType: 'ecommerce.order.order.created.v1',
      producer: 'orders',
      schemaVersion: '1.0',
      partitionKey: orderCreated.orderId,
      correlationId: 'corr-1',
      traceId: 'a'.repeat(32),
      payload: orderCreated,
    });
    expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses to build an event whose payload breaks the contract', () => {
    const bad = {
      ...orderCreated,
      items: [],
    } as unknown as EventPayloads['ecommerce.order.order.created.v1'];
    expect(() => buildEvent('ecommerce.order.order.created.v1', bad)).toThrow(EventContractError);
  });

  it('publishes through the sink with context defaults', async () => {
    const published: EventEnvelope[] = [];
    const publisher = createOrdersPublisher(
      async (event) => {
        published.push(event);
      },
      () => ({ correlationId: 'from-request', traceId: 'b'.repeat(32) }),
    );
    const event = await publisher.publish('ecommerce.order.order.created.v1', orderCreated);
    expect(published).toEqual([event]);
    expect(event).toMatchObject({ correlationId: 'from-request', traceId: 'b'.repeat(32) });
  });

  it('lists the routing keys a service receives, for its queue bindings', () => {
    expect(ordersEvents.queue).toBe('bazaar.orders');
    expect(ordersEvents.receives).toContain('ecommerce.payment.payment.succeeded.v1');
    expect(ordersEvents.receives).not.toContain('ecommerce.product.price.changed.v1');
  });
});
