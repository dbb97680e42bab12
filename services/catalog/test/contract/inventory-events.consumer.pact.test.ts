/**
 * What the catalog needs from inventory's stock events (provider `inventory-events`, verified once
 * inventory verifies its message pacts): each of stock.adjusted, reserved, released and depleted,
 * handed to the catalog's real handler, which sets the product's `inStock` from the units
 * available. Key principle: the handlers read the product ids, `available` and the envelope's
 * occurredAt (to ignore older levels); the other required fields are matched by type because the
 * catalog validates the whole message against its schema.
 */
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { pactFileOptions } from '../../../../tests/pact/pact-config';
import { createProduct } from '../../src/use-cases/create-product';
import {
  type CatalogHandlerHarness,
  catalogHandlerHarness,
} from './support/catalog-handler-harness';
import { envelopeLike, instant } from '../../../../tests/pact/envelope-matchers';

const { eachLike, equal, integer, regex, uuid } = MatchersV3;

const SKU = regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, 'MUG-BLUE-01');
const ORDER_ID = '8c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f';

const pact = new PactV4({ consumer: 'catalog', provider: 'inventory-events', ...pactFileOptions });

let harness: CatalogHandlerHarness;

beforeAll(async () => {
  harness = await catalogHandlerHarness('catalog-inventory-events-pact');
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

async function seedProduct(id: string, sku: string): Promise<void> {
  await createProduct(
    { ...harness.deps, newId: () => id },
    { sku, name: 'Blue ceramic mug', price: { amount: 1299, currency: 'USD' } },
  );
}

async function setInStock(id: string, inStock: boolean): Promise<void> {
  await harness.database.pool.query('UPDATE products SET in_stock = $2 WHERE id = $1', [
    id,
    inStock,
  ]);
}

async function inStock(id: string): Promise<boolean> {
  const result = await harness.database.pool.query<{ in_stock: boolean }>(
    'SELECT in_stock FROM products WHERE id = $1',
    [id],
  );
  return result.rows[0]!.in_stock;
}

describe('catalog consuming inventory events', () => {
  it('marks a restocked product in stock', async () => {
    const productId = '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70';
    await seedProduct(productId, 'MUG-BLUE-01');
    await pact
      .addAsynchronousInteraction()
      .given('product {productId} has {available} units available', { productId, available: 0 })
      .expectsToReceive('an ecommerce.inventory.stock.adjusted.v1 event for a restock', (message) =>
        message.withJSONContent(
          envelopeLike({
            eventId: 'c0a80101-0000-4000-8000-0000000000a1',
            eventType: 'ecommerce.inventory.stock.adjusted.v1',
            producer: 'inventory',
            partitionKey: productId,
            occurredAt: '2026-11-23T10:00:00.000Z',
            payload: {
              productId: uuid(productId),
              sku: SKU,
              adjustmentId: uuid('5d6e7f80-1a2b-4c3d-8e4f-5a6b7c8d9e0f'),
              delta: integer(12),
              reason: equal('RESTOCK'),
              source: regex(/^(ADMIN|IOT)$/, 'ADMIN'),
              onHand: integer(12),
              reserved: integer(0),
              available: integer(12),
              adjustedAt: instant('2026-11-23T10:00:00.000Z'),
            },
          }),
        ),
      )
      .executeTest(async (message) => {
        expect(await harness.deliver(message.contents.content)).toBe(true);
        expect(await inStock(productId)).toBe(true);
      });
  });

  it('marks a product whose last units an order reserved out of stock', async () => {
    const productId = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    await seedProduct(productId, 'TEA-GREEN-250');
    await setInStock(productId, true);
    await pact
      .addAsynchronousInteraction()
      .given('product {productId} has {available} units available', { productId, available: 2 })
      .expectsToReceive(
        'an ecommerce.inventory.stock.reserved.v1 event for an order taking the last units',
        (message) =>
          message.withJSONContent(
            envelopeLike({
              eventId: 'c0a80101-0000-4000-8000-0000000000a2',
              eventType: 'ecommerce.inventory.stock.reserved.v1',
              producer: 'inventory',
              partitionKey: ORDER_ID,
              occurredAt: '2026-11-23T10:05:00.000Z',
              payload: {
                reservationId: uuid('2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d'),
                orderId: uuid(ORDER_ID),
                items: eachLike({
                  productId: uuid(productId),
                  quantity: integer(2),
                  available: integer(0),
                }),
                expiresAt: instant('2026-11-23T10:20:00.000Z'),
                reservedAt: instant('2026-11-23T10:05:00.000Z'),
              },
            }),
          ),
      )
      .executeTest(async (message) => {
        expect(await harness.deliver(message.contents.content)).toBe(true);
        expect(await inStock(productId)).toBe(false);
      });
  });

  it('marks a product whose units a canceled order released in stock again', async () => {
    const productId = '4d5e6f70-8a9b-4c0d-9e1f-2a3b4c5d6e7f';
    await seedProduct(productId, 'POT-WHITE-01');
    await pact
      .addAsynchronousInteraction()
      .given('order {orderId} holds {quantity} units of product {productId}', {
        orderId: ORDER_ID,
        quantity: 2,
        productId,
      })
      .expectsToReceive(
        'an ecommerce.inventory.stock.released.v1 event for a canceled order',
        (message) =>
          message.withJSONContent(
            envelopeLike({
              eventId: 'c0a80101-0000-4000-8000-0000000000a3',
              eventType: 'ecommerce.inventory.stock.released.v1',
              producer: 'inventory',
              partitionKey: ORDER_ID,
              occurredAt: '2026-11-23T10:10:00.000Z',
              payload: {
                reservationId: uuid('2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d'),
                orderId: uuid(ORDER_ID),
                reason: regex(/^(ORDER_CANCELED|RESERVATION_EXPIRED)$/, 'ORDER_CANCELED'),
                items: eachLike({
                  productId: uuid(productId),
                  quantity: integer(2),
                  available: integer(2),
                }),
                releasedAt: instant('2026-11-23T10:10:00.000Z'),
              },
            }),
          ),
      )
      .executeTest(async (message) => {
        expect(await harness.deliver(message.contents.content)).toBe(true);
        expect(await inStock(productId)).toBe(true);
      });
  });

  it('marks a sold-out product out of stock', async () => {
    const productId = '6f708a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b';
    await seedProduct(productId, 'KNIFE-CHEF-20');
    await setInStock(productId, true);
    await pact
      .addAsynchronousInteraction()
      .given('product {productId} has {available} units available', { productId, available: 1 })
      .expectsToReceive(
        'an ecommerce.inventory.stock.depleted.v1 event for a product that sold out',
        (message) =>
          message.withJSONContent(
            envelopeLike({
              eventId: 'c0a80101-0000-4000-8000-0000000000a4',
              eventType: 'ecommerce.inventory.stock.depleted.v1',
              producer: 'inventory',
              partitionKey: productId,
              occurredAt: '2026-11-23T10:15:00.000Z',
              payload: {
                productId: uuid(productId),
                sku: SKU,
                depletedAt: instant('2026-11-23T10:15:00.000Z'),
              },
            }),
          ),
      )
      .executeTest(async (message) => {
        expect(await harness.deliver(message.contents.content)).toBe(true);
        expect(await inStock(productId)).toBe(false);
      });
  });
});
