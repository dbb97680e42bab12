/**
 * The inventory REST API through the real app (generated binding, auth, validation): every
 * operation of contracts/openapi/inventory.yaml with its 200/201, 400, 401, 403, 404 and 409
 * answers, the adjustments log, and the stock.adjusted / stock.depleted events each change emits.
 */
import { randomUUID } from 'node:crypto';
import { startInventory, type InventoryHarness } from './support/inventory-harness';

let h: InventoryHarness;
let admin: string;

beforeAll(async () => {
  h = await startInventory('rest');
  admin = await h.token(['admin']);
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

function adjust(productId: string, body: unknown, token: string | undefined = admin) {
  return fetch(`${h.url}/api/v1/inventory/${productId}/adjustments`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

const get = (path: string, token?: string) =>
  fetch(`${h.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

describe('getStockLevel', () => {
  it('answers a product stock level without a token', async () => {
    const product = await h.seedProduct(8);
    await h.grpc.reserveStock({
      orderId: randomUUID(),
      items: [{ productId: product.productId, quantity: 3 }],
    });
    const response = await get(`/api/v1/inventory/${product.productId}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      productId: product.productId,
      sku: product.sku,
      onHand: 8,
      reserved: 3,
      available: 5,
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('answers 404 for a product inventory does not track', async () => {
    const response = await get(`/api/v1/inventory/${randomUUID()}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('answers 400 naming the path parameter when the id is not a UUID', async () => {
    const response = await get('/api/v1/inventory/MUG-1');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: 'path.productId' })],
    });
  });
});

describe('adjustStock', () => {
  it('adds units, records the adjustment with source ADMIN and answers 201 with its Location', async () => {
    const product = await h.seedProduct(0);
    const response = await adjust(product.productId, {
      delta: 50,
      reason: 'RESTOCK',
      note: 'Delivery from Leeds',
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string };
    expect(body).toEqual({
      id: expect.any(String),
      productId: product.productId,
      delta: 50,
      reason: 'RESTOCK',
      note: 'Delivery from Leeds',
      onHandAfter: 50,
      availableAfter: 50,
      source: 'ADMIN',
      createdAt: expect.any(String),
    });
    expect(response.headers.get('location')).toBe(
      `/api/v1/inventory/${product.productId}/adjustments/${body.id}`,
    );
    expect(await h.stock(product.productId)).toEqual({ on_hand: 50, reserved: 0, available: 50 });
  });

  it('publishes stock.adjusted with the levels after the change', async () => {
    const product = await h.seedProduct(10);
    await h.grpc.reserveStock({
      orderId: randomUUID(),
      items: [{ productId: product.productId, quantity: 2 }],
    });
    const response = await adjust(product.productId, { delta: -3, reason: 'DAMAGE' });
    const { id } = (await response.json()) as { id: string };
    const [event] = await h.events.waitFor('ecommerce.inventory.stock.adjusted.v1', {
      adjustmentId: id,
    });
    expect(event).toMatchObject({
      partitionKey: product.productId,
      payload: {
        productId: product.productId,
        sku: product.sku,
        delta: -3,
        reason: 'DAMAGE',
        source: 'ADMIN',
        onHand: 7,
        reserved: 2,
        available: 5,
      },
    });
  });

  it('publishes stock.depleted when an adjustment leaves nothing available', async () => {
    const product = await h.seedProduct(4);
    expect((await adjust(product.productId, { delta: -4, reason: 'CORRECTION' })).status).toBe(201);
    const [event] = await h.events.waitFor('ecommerce.inventory.stock.depleted.v1', {
      productId: product.productId,
    });
    expect(event!.payload).toMatchObject({ sku: product.sku });
  });

  it('answers 409 INVENTORY_ERR_INSUFFICIENT_STOCK, changing nothing, when reserved units would be removed', async () => {
    const product = await h.seedProduct(20);
    await h.grpc.reserveStock({
      orderId: randomUUID(),
      items: [{ productId: product.productId, quantity: 8 }],
    });
    const response = await adjust(product.productId, { delta: -13, reason: 'DAMAGE' });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      type: 'https://docs.bazaar.dev/problems/insufficient-stock',
      code: 'INVENTORY_ERR_INSUFFICIENT_STOCK',
      status: 409,
      detail: `cannot remove 13 units of ${product.sku}, only 12 are available`,
    });
    expect(await h.stock(product.productId)).toEqual({ on_hand: 20, reserved: 8, available: 12 });
  });

  it.each([
    ['a delta of 0', { delta: 0, reason: 'RESTOCK' }, 'body.delta'],
    ['a missing reason', { delta: 1 }, 'body.reason'],
    ['an unknown reason', { delta: 1, reason: 'THEFT' }, 'body.reason'],
    ['an unknown field', { delta: 1, reason: 'RESTOCK', source: 'IOT' }, 'body.source'],
  ])('answers 400 naming the field for %s', async (_name, body, field) => {
    const product = await h.seedProduct(1);
    const response = await adjust(product.productId, body);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toContain(field);
  });

  it('answers 401 without a token', async () => {
    const product = await h.seedProduct(1);
    expect((await adjust(product.productId, { delta: 1, reason: 'RESTOCK' }, '')).status).toBe(401);
  });

  it('answers 403 to a customer', async () => {
    const product = await h.seedProduct(1);
    const customer = await h.token(['customer']);
    const response = await adjust(product.productId, { delta: 1, reason: 'RESTOCK' }, customer);
    expect(response.status).toBe(403);
    expect(await h.stock(product.productId)).toEqual({ on_hand: 1, reserved: 0, available: 1 });
  });

  it('answers 404 for a product inventory does not track', async () => {
    const response = await adjust(randomUUID(), { delta: 1, reason: 'RESTOCK' });
    expect(response.status).toBe(404);
  });
});

describe('listStockAdjustments and getStockAdjustment', () => {
  it('lists a product adjustments newest first, one page at a time', async () => {
    const product = await h.seedProduct(10);
    for (const delta of [1, 2, 3]) await adjust(product.productId, { delta, reason: 'RESTOCK' });
    const response = await get(
      `/api/v1/inventory/${product.productId}/adjustments?page=1&pageSize=2`,
      admin,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      items: { delta: number; onHandAfter: number }[];
      page: unknown;
    };
    expect(body.items.map((item) => [item.delta, item.onHandAfter])).toEqual([
      [3, 16],
      [2, 13],
    ]);
    expect(body.page).toEqual({ number: 1, size: 2, totalItems: 4, totalPages: 2 });
    const second = (await (
      await get(`/api/v1/inventory/${product.productId}/adjustments?page=2&pageSize=2`, admin)
    ).json()) as { items: { delta: number }[] };
    expect(second.items.map((item) => item.delta)).toEqual([1, 10]);
  });

  it('answers one adjustment at the Location adjustStock returned', async () => {
    const product = await h.seedProduct(0);
    const created = await adjust(product.productId, { delta: 5, reason: 'RETURN' });
    const location = created.headers.get('location')!;
    const response = await get(location, admin);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(await created.json());
  });

  it('answers 404 for an adjustment of another product', async () => {
    const product = await h.seedProduct(0);
    const other = await h.seedProduct(0);
    const created = (await (
      await adjust(product.productId, { delta: 5, reason: 'RETURN' })
    ).json()) as { id: string };
    const response = await get(
      `/api/v1/inventory/${other.productId}/adjustments/${created.id}`,
      admin,
    );
    expect(response.status).toBe(404);
  });

  it('answers 404 listing the log of a product inventory never tracked', async () => {
    expect((await get(`/api/v1/inventory/${randomUUID()}/adjustments`, admin)).status).toBe(404);
  });

  it('answers 400 for a page size above 100', async () => {
    const product = await h.seedProduct(0);
    const response = await get(
      `/api/v1/inventory/${product.productId}/adjustments?pageSize=101`,
      admin,
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('query.pageSize');
  });

  it('answers 403 to a customer reading the log', async () => {
    const product = await h.seedProduct(0);
    const customer = await h.token(['customer']);
    expect((await get(`/api/v1/inventory/${product.productId}/adjustments`, customer)).status).toBe(
      403,
    );
  });
});
