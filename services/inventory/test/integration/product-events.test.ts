/**
 * Inventory consuming catalog's product events from RabbitMQ (its real queue, bindings, inbox and
 * retries): product.created opens a stock record with no stock and the SKU; product.deleted closes
 * it (no new reservations or adjustments, level no longer served) while reservations already held
 * run their course; a SKU freed by a deletion can be taken by a new product, even when the
 * creation arrives first.
 */
import * as grpc from '@grpc/grpc-js';
import { randomBytes, randomUUID } from 'node:crypto';
import { buildEvent } from '@bazaar/generated/events/registry';
import { waitFor } from '@bazaar/platform/testing/index';
import { startInventory, type InventoryHarness } from './support/inventory-harness';

let h: InventoryHarness;
let admin: string;

beforeAll(async () => {
  h = await startInventory('products', { INVENTORY_EVENT_RETRY_DELAYS_MS: '300,600,1200,2400' });
  admin = await h.token(['admin']);
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

const newSku = () => `EVT-${randomBytes(4).toString('hex').toUpperCase()}`;

function created(productId: string, sku: string) {
  return buildEvent('ecommerce.product.product.created.v1', {
    productId,
    sku,
    name: 'Blue ceramic mug',
    description: '',
    categoryId: null,
    price: { amount: 1299, currency: 'USD' },
    createdAt: new Date().toISOString(),
  });
}

function deleted(productId: string, sku: string) {
  return buildEvent('ecommerce.product.product.deleted.v1', {
    productId,
    sku,
    deletedAt: new Date().toISOString(),
  });
}

async function row(productId: string) {
  const { rows } = await h.database.pool.query<{ sku: string; on_hand: number; closed: boolean }>(
    'SELECT sku, on_hand, closed_at IS NOT NULL AS closed FROM stock_items WHERE product_id = $1',
    [productId],
  );
  return rows[0];
}

const level = (productId: string) => fetch(`${h.url}/api/v1/inventory/${productId}`);

async function addStock(productId: string, delta: number) {
  const response = await fetch(`${h.url}/api/v1/inventory/${productId}/adjustments`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ delta, reason: 'RESTOCK' }),
  });
  return response.status;
}

describe('product.created', () => {
  it('opens a stock record with no stock and the catalog SKU', async () => {
    const productId = randomUUID();
    const sku = newSku();
    await h.events.publish(created(productId, sku));
    await waitFor(() => row(productId), { description: 'the stock row' });
    const response = await level(productId);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      productId,
      sku,
      onHand: 0,
      reserved: 0,
      available: 0,
    });
  });

  it('has no second effect when the event is delivered again', async () => {
    const productId = randomUUID();
    const sku = newSku();
    const event = created(productId, sku);
    await h.events.publish(event);
    await waitFor(() => row(productId));
    expect(await addStock(productId, 5)).toBe(201);
    await h.events.publish(event);
    await h.events.publish(created(productId, sku));
    const marker = randomUUID();
    await h.events.publish(created(marker, newSku()));
    await waitFor(() => row(marker), { description: 'a later event handled' });
    expect(await row(productId)).toEqual({ sku, on_hand: 5, closed: false });
  });
});

describe('product.deleted', () => {
  it('stops serving the level and refuses new reservations and adjustments', async () => {
    const product = await h.seedProduct(5);
    await h.events.publish(deleted(product.productId, product.sku));
    await waitFor(async () => (await row(product.productId))?.closed, { description: 'closed' });
    expect((await level(product.productId)).status).toBe(404);
    expect(await addStock(product.productId, 1)).toBe(404);
    await expect(
      h.grpc.reserveStock({
        orderId: randomUUID(),
        items: [{ productId: product.productId, quantity: 1 }],
      }),
    ).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    await expect(h.grpc.queryStock({ productIds: [product.productId] })).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
    });
  });

  it('lets reservations already held be committed or released, and keeps the log readable', async () => {
    const product = await h.seedProduct(5);
    const paid = randomUUID();
    const canceled = randomUUID();
    for (const orderId of [paid, canceled])
      await h.grpc.reserveStock({
        orderId,
        items: [{ productId: product.productId, quantity: 2 }],
      });
    await h.events.publish(deleted(product.productId, product.sku));
    await waitFor(async () => (await row(product.productId))?.closed, { description: 'closed' });

    expect((await h.grpc.commitReservation({ orderId: paid })).outcome).toBe(
      'COMMIT_OUTCOME_COMMITTED',
    );
    expect(
      (await h.grpc.releaseStock({ orderId: canceled, reason: 'RELEASE_REASON_ORDER_CANCELED' }))
        .outcome,
    ).toBe('RELEASE_OUTCOME_RELEASED');
    expect(await h.stock(product.productId)).toEqual({ on_hand: 3, reserved: 0, available: 3 });
    const log = await fetch(`${h.url}/api/v1/inventory/${product.productId}/adjustments`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    expect(log.status).toBe(200);
    expect(((await log.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('lets a new product take the SKU of a deleted one', async () => {
    const old = await h.seedProduct(2);
    await h.events.publish(deleted(old.productId, old.sku));
    const productId = randomUUID();
    await h.events.publish(created(productId, old.sku));
    await waitFor(() => row(productId), { description: 'the new product row' });
    expect(await row(productId)).toEqual({ sku: old.sku, on_hand: 0, closed: false });
    expect(await row(old.productId)).toEqual({ sku: old.sku, on_hand: 2, closed: true });
  });

  it('tracks a new product whose SKU a deletion still on its way frees, once it arrives', async () => {
    const old = await h.seedProduct(2);
    const productId = randomUUID();
    await h.events.publish(created(productId, old.sku));
    // The creation fails while the old product holds the SKU and is retried after a delay.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await row(productId)).toBeUndefined();
    await h.events.publish(deleted(old.productId, old.sku));
    await waitFor(() => row(productId), { timeoutMs: 15_000, description: 'the new product row' });
    expect(await row(productId)).toEqual({ sku: old.sku, on_hand: 0, closed: false });
  }, 30_000);
});
