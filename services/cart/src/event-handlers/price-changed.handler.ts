/** ecommerce.product.price.changed.v1 → every cart holding the product shows the new price. */
import type { EventEnvelope } from '@bazaar/generated/events/types';
import type { EventHandlerContext } from '@bazaar/platform/events/index';
import { followPriceChange } from '../use-cases/follow-price-change';

export async function priceChangedHandler(
  event: EventEnvelope<'ecommerce.product.price.changed.v1'>,
  ctx: EventHandlerContext,
): Promise<void> {
  const { productId, sku, newPrice, validFrom } = event.payload;
  const removedFrom = await followPriceChange(ctx.db, {
    productId: productId.toLowerCase(),
    sku,
    newPrice: { amount: newPrice.amount, currency: newPrice.currency },
    validFrom: new Date(validFrom),
  });
  if (removedFrom.length > 0) {
    ctx.log.info(
      { productId, carts: removedFrom.length, currency: newPrice.currency },
      'product left carts priced in another currency',
    );
  }
}
