/**
 * Handles ecommerce.product.product.created.v1: inventory starts tracking the product with no
 * stock and the catalog's SKU, in the consumer's transaction (the inbox makes a redelivery a no-op).
 */
import type { EventEnvelope } from '@bazaar/generated/events/types';
import type { EventHandlerContext } from '@bazaar/platform/events/index';
import { trackProduct } from '../use-cases/track-product.use-case';

export async function onProductCreated(
  event: EventEnvelope<'ecommerce.product.product.created.v1'>,
  ctx: EventHandlerContext,
): Promise<void> {
  const { productId, sku, createdAt } = event.payload;
  const created = await trackProduct(ctx.db, { productId, sku, createdAt: new Date(createdAt) });
  if (created) ctx.log.info({ productId, sku }, 'stock record opened');
  else ctx.log.info({ productId }, 'stock record already open');
}
