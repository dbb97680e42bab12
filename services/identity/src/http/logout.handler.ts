/** HTTP handler of `logout` (services/identity/src/http): 204 whatever the token was (safe to repeat). */
import type { IdentityHandlers } from '@bazaar/generated/http/identity/server';
import type { IdentityContext } from '../use-cases/identity-context';
import { logOut } from '../use-cases/log-out';

export function logoutHandler(ctx: IdentityContext): IdentityHandlers['logout'] {
  return async ({ body, auth }, reply) => {
    await logOut(ctx, auth.userId, body.refreshToken);
    return reply(204);
  };
}
