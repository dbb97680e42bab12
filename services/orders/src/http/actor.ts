/** The caller as the order domain sees it, from the token the generated binding verified. */
import type { AuthContext } from '@bazaar/platform/auth/index';
import type { Actor } from '../domain/order-access';

export function actorOf(auth: AuthContext): Actor {
  return { userId: auth.userId.toLowerCase(), isAdmin: auth.roles.includes('admin') };
}
