/**
 * getCart, updateCartItem, removeCartItem and clearCart through the real cart service: a new
 * user sees an empty cart, quantities are set (not added), lines leave, a cart empties, a missing
 * line is CART_ERR_ITEM_NOT_FOUND, and each change writes the event the contract names.
 */
import { randomUUID } from 'node:crypto';
import { outboxEvents } from '../support/cart-fixtures';
import { product, startCatalogStandIn, type CatalogStandIn } from './support/catalog-stand-in';
import { startCartForTest, type CartTestService } from './support/cart-test-service';
import { call } from './support/http';

let catalog: CatalogStandIn;
let cart: CartTestService;

beforeAll(async () => {
  catalog = await startCatalogStandIn();
  cart = await startCartForTest('cart-change-items', { catalogUrl: catalog.url });
}, 60_000);

afterAll(async () => {
  await cart?.stop();
  await catalog?.stop();
});

/** A signed-in user whose cart holds `quantity` mugs. */
async function userWithMugs(quantity: number) {
  const userId = randomUUID();
  const token = await cart.tokenFor(userId);
  const mug = catalog.put(product({ id: randomUUID() }));
  if (quantity > 0) {
    const added = await call(cart.url, 'POST', '/api/v1/cart/items', {
      token,
      body: { productId: mug.id, quantity },
    });
    expect(added.status).toBe(200);
  }
  const line = `/api/v1/cart/items/${mug.id}`;
  return {
    userId,
    mug,
    get: () => call(cart.url, 'GET', '/api/v1/cart', { token }),
    patch: (body: unknown, productId = mug.id) =>
      call(cart.url, 'PATCH', `/api/v1/cart/items/${productId}`, { token, body }),
    remove: (path = line) => call(cart.url, 'DELETE', path, { token }),
    clear: () => call(cart.url, 'DELETE', '/api/v1/cart', { token }),
  };
}

async function eventsOf(userId: string, type: string) {
  return (await outboxEvents(cart.database.pool, type))
    .filter((event) => event.payload.userId === userId)
    .map((event) => event.payload);
}

describe('reading the cart', () => {
  it('shows a user who never added anything an empty cart', async () => {
    const user = await userWithMugs(0);
    const response = await user.get();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [], itemCount: 0, total: null, updatedAt: null });
  });

  it('echoes the request correlation id', async () => {
    const user = await userWithMugs(0);
    const token = await cart.tokenFor(user.userId);
    const response = await call(cart.url, 'GET', '/api/v1/cart', {
      token,
      headers: { 'Correlation-Id': 'corr-read' },
    });
    expect(response.headers.get('correlation-id')).toBe('corr-read');
  });
});

describe('changing a line quantity', () => {
  it('sets the quantity rather than adding to it, and emits item_added for the growth', async () => {
    const user = await userWithMugs(2);
    const response = await user.patch({ quantity: 5 });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      items: [
        { productId: user.mug.id, quantity: 5, lineTotal: { amount: 6495, currency: 'USD' } },
      ],
      itemCount: 5,
      total: { amount: 6495, currency: 'USD' },
    });
    expect(await eventsOf(user.userId, 'ecommerce.cart.cart.item_added.v1')).toEqual([
      expect.objectContaining({ quantity: 2, newQuantity: 2 }),
      {
        userId: user.userId,
        productId: user.mug.id,
        quantity: 3,
        newQuantity: 5,
        unitPrice: user.mug.price,
      },
    ]);
  });

  it('emits item_removed with the units taken out when the quantity shrinks', async () => {
    const user = await userWithMugs(5);
    expect((await user.patch({ quantity: 1 })).body.itemCount).toBe(1);
    expect(await eventsOf(user.userId, 'ecommerce.cart.cart.item_removed.v1')).toEqual([
      { userId: user.userId, productId: user.mug.id, quantityRemoved: 4 },
    ]);
  });

  it('changes nothing and emits nothing when the quantity is the same', async () => {
    const user = await userWithMugs(2);
    const before = (await user.get()).body;
    const response = await user.patch({ quantity: 2 });
    expect(response.body).toEqual(before);
    expect(await eventsOf(user.userId, 'ecommerce.cart.cart.item_removed.v1')).toEqual([]);
    expect(await eventsOf(user.userId, 'ecommerce.cart.cart.item_added.v1')).toHaveLength(1);
  });

  it('answers CART_ERR_ITEM_NOT_FOUND for a product that is not in the cart', async () => {
    const user = await userWithMugs(1);
    const other = randomUUID();
    const response = await user.patch({ quantity: 2 }, other);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      type: 'https://docs.bazaar.dev/problems/cart-item-not-found',
      code: 'CART_ERR_ITEM_NOT_FOUND',
      detail: `product ${other} is not in the cart`,
    });
  });

  it('answers CART_ERR_ITEM_NOT_FOUND to a user who has no cart at all', async () => {
    const user = await userWithMugs(0);
    expect((await user.patch({ quantity: 2 })).status).toBe(404);
  });
});

describe('removing a line', () => {
  it('takes the line out and emits item_removed with all its units', async () => {
    const user = await userWithMugs(3);
    const response = await user.remove();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ items: [], itemCount: 0, total: null });
    expect(response.body.updatedAt).toEqual(expect.any(String));
    expect(await eventsOf(user.userId, 'ecommerce.cart.cart.item_removed.v1')).toEqual([
      { userId: user.userId, productId: user.mug.id, quantityRemoved: 3 },
    ]);
  });

  it('answers CART_ERR_ITEM_NOT_FOUND when the line is already gone', async () => {
    const user = await userWithMugs(1);
    await user.remove();
    const again = await user.remove();
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('CART_ERR_ITEM_NOT_FOUND');
  });

  it('finds the line whatever the case of the product id in the path', async () => {
    const user = await userWithMugs(1);
    const response = await user.remove(`/api/v1/cart/items/${user.mug.id.toUpperCase()}`);
    expect(response.status).toBe(200);
  });
});

describe('clearing the cart', () => {
  it('removes every line, answers 204 and emits cleared with reason USER_REQUEST', async () => {
    const user = await userWithMugs(2);
    const response = await user.clear();
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
    const { body } = await user.get();
    expect(body).toMatchObject({ items: [], itemCount: 0, total: null });
    expect(await eventsOf(user.userId, 'ecommerce.cart.cart.cleared.v1')).toEqual([
      { userId: user.userId, reason: 'USER_REQUEST' },
    ]);
  });

  it('succeeds on an empty cart without changing it or emitting anything', async () => {
    const user = await userWithMugs(0);
    expect((await user.clear()).status).toBe(204);
    expect((await user.get()).body.updatedAt).toBeNull();
    expect(await eventsOf(user.userId, 'ecommerce.cart.cart.cleared.v1')).toEqual([]);
  });
});
