/**
 * Use case: the catalog changed a product's price (ecommerce.product.price.changed.v1). The cart
 * keeps one price per product for every cart, so recording the change reprices every cart that
 * holds the product at once. A change into another currency also removes the product from each
 * cart whose other lines are priced in the old one (the one-currency rule), emitting
 * `ecommerce.cart.cart.item_removed.v1` for each.
 */
import type pg from 'pg';
import { cartEventsIn } from '../outbound/cart-events.publisher';
import { deleteLine, lockCart, lockCartsHolding, touchCarts } from '../persistence/cart.repository';
import { recordPriceChange, type PriceChange } from '../persistence/catalog-products.repository';

/** Returns the owners of the carts the product was removed from (a currency change only). */
export async function followPriceChange(tx: pg.ClientBase, change: PriceChange): Promise<string[]> {
  const outcome = await recordPriceChange(tx, change);
  const currencyChanged =
    outcome.previousCurrency !== undefined && outcome.previousCurrency !== change.newPrice.currency;
  if (!outcome.applied || !currencyChanged) return [];

  const removedFrom: string[] = [];
  const events = cartEventsIn(tx);
  for (const userId of await lockCartsHolding(tx, change.productId)) {
    const stored = (await lockCart(tx, userId, { create: false }))!;
    const result = stored.cart.reprice(change.productId, change.newPrice);
    if (result.kind !== 'line-removed') continue;
    await deleteLine(tx, userId, change.productId);
    removedFrom.push(userId);
    await events.publish('ecommerce.cart.cart.item_removed.v1', {
      userId,
      productId: change.productId,
      quantityRemoved: result.removed,
    });
  }
  await touchCarts(tx, removedFrom);
  return removedFrom;
}
