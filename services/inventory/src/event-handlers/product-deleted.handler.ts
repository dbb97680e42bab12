/**
 * Handles ecommerce.product.product.deleted.v1: closes the product's stock record (no new
 * reservations or adjustments; reservations already held run their course).
 */
import type { EventEnvelope } from '@bazaar/generated/events/types';
import type { EventHandlerContext } from '@bazaar/platform/events/index';
import { closeProduct } from '../use-cases/track-product.use-case';

export async function onProductDeleted(
  event: EventEnvelope<'ecommerce.product.product.deleted.v1'>,
  ctx: EventHandlerContext,
): Promise<void> {
  const { productId, deletedAt } = event.payload;
  const closed = await closeProduct(ctx.db, { productId, deletedAt: new Date(deletedAt) });
  if (closed) ctx.log.info({ productId }, 'stock record closed');
  else
    ctx.log.warn({ productId }, 'product deleted that inventory did not track (or closed already)');
}
