/**
 * Compile-time proof that the generated event registry is strict: a service can only publish the
 * events its AsyncAPI document sends, each with exactly its payload, and must handle every event
 * it receives. Each `@ts-expect-error` fails `make typecheck` if the typing loosens.
 */
import type { CartSubscriptions } from '@bazaar/generated/events/cart';
import { createOrdersPublisher } from '@bazaar/generated/events/orders';
import type { EventPayloads } from '@bazaar/generated/events/types';

const publisher = createOrdersPublisher(async () => undefined);
const fulfilled: EventPayloads['ecommerce.order.order.fulfilled.v1'] = {
  orderId: '8c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
  customerId: '7b4e2d1c-9a8f-4e6d-b5c4-3a2f1e0d9c8b',
  fulfilledAt: '2026-11-23T10:30:00.000Z',
};

export async function publishing(): Promise<void> {
  await publisher.publish('ecommerce.order.order.fulfilled.v1', fulfilled);

  // @ts-expect-error orders does not send payment events
  await publisher.publish('ecommerce.payment.payment.succeeded.v1', fulfilled);

  // @ts-expect-error the paid event needs paymentId, amount, items and paidAt
  await publisher.publish('ecommerce.order.order.paid.v1', fulfilled);

  // @ts-expect-error payload types are closed: no undeclared fields
  await publisher.publish('ecommerce.order.order.fulfilled.v1', { ...fulfilled, courier: 'DHL' });

  // @ts-expect-error not an event type at all
  await publisher.publish('ecommerce.order.order.teleported.v1', fulfilled);
}

type Context = { log: string[] };

// @ts-expect-error cart receives four events; a handler map without all of them does not compile
export const incomplete: CartSubscriptions<Context> = {
  'ecommerce.product.product.deleted.v1': async () => undefined,
};

export const complete: CartSubscriptions<Context> = {
  'ecommerce.identity.user.registered.v1': async (event, context) => {
    context.log.push(event.payload.userId);
  },
  'ecommerce.product.product.deleted.v1': async (event) => {
    const sku: string = event.payload.sku;
    // @ts-expect-error a deleted product carries no price
    const price: number = event.payload.price.amount;
    void [sku, price];
  },
  'ecommerce.product.price.changed.v1': async (event) => {
    const amount: number = event.payload.newPrice.amount;
    void amount;
  },
  'ecommerce.order.order.created.v1': async (event) => {
    const fromCart: boolean = event.payload.fromCart;
    void fromCart;
  },
};
