/**
 * Use case: the catalog deleted a product (ecommerce.product.product.deleted.v1). It leaves every
 * cart that holds it, each removal emitting `ecommerce.cart.cart.item_removed.v1`, and stays
 * known as deleted, so an add that read the catalog just before the deletion is refused.
 */
import type pg from 'pg';
import { cartEventsIn } from '../outbound/cart-events.publisher';
import {
  deleteProductFromCarts,
  lockCartsHolding,
  touchCarts,
} from '../persistence/cart.repository';
import { recordDeletion } from '../persistence/catalog-products.repository';

/** Returns how many carts lost the product. */
export async function removeDeletedProduct(
  tx: pg.ClientBase,
  deletion: { productId: string; sku: string; deletedAt: Date },
): Promise<number> {
  await recordDeletion(tx, deletion);
  const owners = await lockCartsHolding(tx, deletion.productId);
  const removed = await deleteProductFromCarts(tx, deletion.productId, owners);
  await touchCarts(
    tx,
    removed.map((line) => line.userId),
  );
  const events = cartEventsIn(tx);
  for (const line of removed) {
    await events.publish('ecommerce.cart.cart.item_removed.v1', {
      userId: line.userId,
      productId: deletion.productId,
      quantityRemoved: line.quantity,
    });
  }
  return removed.length;
}
