/** HTTP handler of `login` (services/identity/src/http): a new token pair, never cached. */
import type { IdentityHandlers } from '@bazaar/generated/http/identity/server';
import { identityErrors } from '../errors';
import type { IdentityContext } from '../use-cases/identity-context';
import { logIn } from '../use-cases/log-in';

export function loginHandler(ctx: IdentityContext): IdentityHandlers['login'] {
  return async ({ body }, reply) => {
    const result = await logIn(ctx, body);
    if (!result.ok) return reply(401, identityErrors.problem('IDENTITY_ERR_INVALID_CREDENTIALS'));
    return reply(200, result.tokens, { 'Cache-Control': 'no-store' });
  };
}
