/**
 * Use case: a user adds units of a product to their cart. The catalog is asked for the product
 * first (outside the transaction, so no database lock waits on the network); then, in one
 * transaction, what the catalog said is recorded, the cart's rules are checked, the line is
 * written and `ecommerce.cart.cart.item_added.v1` goes to the outbox.
 */
import type pg from 'pg';
import { withTransaction } from '@bazaar/platform/db/index';
import { UnknownProductError } from '../domain/cart-errors';
import type { CatalogProducts } from '../outbound/catalog.http-client';
import { cartEventsIn } from '../outbound/cart-events.publisher';
import { lockCart, saveLine, touchCarts, type StoredCart } from '../persistence/cart.repository';
import { recordCatalogRead } from '../persistence/catalog-products.repository';

export interface AddCartItemDeps {
  pool: pg.Pool;
  catalog: CatalogProducts;
}

export interface AddCartItem {
  userId: string;
  productId: string;
  quantity: number;
}

/**
 * @throws UnknownProductError, QuantityLimitError, TooManyProductsError, CurrencyMismatchError,
 *   CatalogUnavailableError (nothing changed in every case).
 */
export async function addCartItem(
  deps: AddCartItemDeps,
  command: AddCartItem,
): Promise<StoredCart> {
  const { userId, productId, quantity } = command;
  const read = await deps.catalog.getProduct(productId);
  if (!read) throw new UnknownProductError(productId);
  return withTransaction(deps.pool, async (tx) => {
    // The product row is locked first (lock order), so a concurrent deletion or price change of
    // this product is either fully before this add or fully after it.
    const product = await recordCatalogRead(tx, read);
    if (product.deleted) throw new UnknownProductError(productId);
    const stored = (await lockCart(tx, userId, { create: true }))!;
    const change = stored.cart.add(
      {
        productId,
        sku: product.sku,
        name: product.name,
        unitPrice: product.price,
        available: product.inStock,
      },
      quantity,
    );
    await saveLine(tx, userId, productId, change.line.quantity);
    const updatedAt = await touchCarts(tx, [userId]);
    await cartEventsIn(tx).publish('ecommerce.cart.cart.item_added.v1', {
      userId,
      productId,
      quantity: change.added,
      newQuantity: change.line.quantity,
      unitPrice: { ...change.line.unitPrice },
    });
    return { cart: stored.cart, updatedAt: updatedAt ?? stored.updatedAt };
  });
}
