/** ecommerce.identity.user.registered.v1 → the new user's empty cart. */
import type { EventEnvelope } from '@bazaar/generated/events/types';
import type { EventHandlerContext } from '@bazaar/platform/events/index';
import { createCartForNewUser } from '../use-cases/create-cart';

export async function userRegisteredHandler(
  event: EventEnvelope<'ecommerce.identity.user.registered.v1'>,
  ctx: EventHandlerContext,
): Promise<void> {
  const created = await createCartForNewUser(ctx.db, event.payload.userId.toLowerCase());
  if (!created) ctx.log.debug({ userId: event.payload.userId }, 'cart already existed');
}
