/** ecommerce.product.product.deleted.v1 → the product leaves every cart that holds it. */
import type { EventEnvelope } from '@bazaar/generated/events/types';
import type { EventHandlerContext } from '@bazaar/platform/events/index';
import { removeDeletedProduct } from '../use-cases/remove-deleted-product';

export async function productDeletedHandler(
  event: EventEnvelope<'ecommerce.product.product.deleted.v1'>,
  ctx: EventHandlerContext,
): Promise<void> {
  const { productId, sku, deletedAt } = event.payload;
  const carts = await removeDeletedProduct(ctx.db, {
    productId: productId.toLowerCase(),
    sku,
    deletedAt: new Date(deletedAt),
  });
  ctx.log.debug({ productId, carts }, 'deleted product removed from carts');
}
