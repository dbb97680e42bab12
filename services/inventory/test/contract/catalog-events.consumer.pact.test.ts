/**
 * What inventory needs from the catalog's product events (provider `catalog-events`): a created
 * product, handed to inventory's real handler, gets a stock record with no stock and its SKU; a
 * deleted product's record is closed. Key principle: the handlers read the product id, the SKU and
 * the instants; the other required fields are matched by type because inventory validates the
 * whole message against its schema.
 */
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { pactFileOptions } from '../../../../tests/pact/pact-config';
import { trackProduct } from '../../src/use-cases/track-product.use-case';
import { withTransaction } from '@bazaar/platform/db/index';
import { envelopeLike, instant, sku } from '../../../../tests/pact/envelope-matchers';
import {
  inventoryHandlerHarness,
  type InventoryHandlerHarness,
} from './support/inventory-handler-harness';

const { integer, like, regex, uuid } = MatchersV3;

const pact = new PactV4({ consumer: 'inventory', provider: 'catalog-events', ...pactFileOptions });

let harness: InventoryHandlerHarness;

beforeAll(async () => {
  harness = await inventoryHandlerHarness('inventory-catalog-events-pact');
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

async function stockRow(productId: string) {
  const { rows } = await harness.database.pool.query<{
    sku: string;
    on_hand: number;
    reserved: number;
    closed: boolean;
  }>(
    `SELECT sku, on_hand, reserved, closed_at IS NOT NULL AS closed
       FROM stock_items WHERE product_id = $1`,
    [productId],
  );
  return rows[0];
}

describe('inventory consuming catalog product events', () => {
  it('opens an empty stock record for a created product', async () => {
    const productId = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
    await pact
      .addAsynchronousInteraction()
      .given('product {productId} does not exist', { productId })
      .expectsToReceive('an ecommerce.product.product.created.v1 event for a new product', (m) =>
        m.withJSONContent(
          envelopeLike({
            eventId: 'c0a80101-0000-4000-8000-0000000000b1',
            eventType: 'ecommerce.product.product.created.v1',
            producer: 'catalog',
            partitionKey: productId,
            occurredAt: '2026-11-22T08:00:00.000Z',
            payload: {
              productId: uuid(productId),
              sku: sku('MUG-BLUE-01'),
              name: like('Blue ceramic mug'),
              description: like('350 ml, dishwasher safe.'),
              categoryId: null,
              price: { amount: integer(1299), currency: regex(/^[A-Z]{3}$/, 'USD') },
              createdAt: instant('2026-11-22T08:00:00.000Z'),
            },
          }),
        ),
      )
      .executeTest(async (message) => {
        expect(await harness.deliver(message.contents.content)).toBe(true);
        expect(await stockRow(productId)).toEqual({
          sku: 'MUG-BLUE-01',
          on_hand: 0,
          reserved: 0,
          closed: false,
        });
      });
  });

  it('closes the stock record of a deleted product', async () => {
    const productId = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
    await withTransaction(harness.database.pool, (tx) =>
      trackProduct(tx, { productId, sku: 'TEAPOT-WHITE-02', createdAt: new Date() }),
    );
    await pact
      .addAsynchronousInteraction()
      .given('product {productId} exists with price {amount} {currency}', {
        productId,
        amount: 1299,
        currency: 'USD',
      })
      .expectsToReceive(
        'an ecommerce.product.product.deleted.v1 event for a deleted product',
        (m) =>
          m.withJSONContent(
            envelopeLike({
              eventId: 'c0a80101-0000-4000-8000-0000000000b2',
              eventType: 'ecommerce.product.product.deleted.v1',
              producer: 'catalog',
              partitionKey: productId,
              occurredAt: '2026-11-22T09:00:00.000Z',
              payload: {
                productId: uuid(productId),
                sku: sku('TEAPOT-WHITE-02'),
                deletedAt: instant('2026-11-22T09:00:00.000Z'),
              },
            }),
          ),
      )
      .executeTest(async (message) => {
        expect(await harness.deliver(message.contents.content)).toBe(true);
        expect(await stockRow(productId)).toMatchObject({ closed: true });
      });
  });
});
