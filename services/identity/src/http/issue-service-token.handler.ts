/** HTTP handler of `issueServiceToken` (services/identity/src/http; internal, no gateway route). */
import type { IdentityHandlers } from '@bazaar/generated/http/identity/server';
import { identityErrors } from '../errors';
import type { IdentityContext } from '../use-cases/identity-context';
import { issueServiceToken } from '../use-cases/issue-service-token';

export function issueServiceTokenHandler(
  ctx: IdentityContext,
): IdentityHandlers['issueServiceToken'] {
  return async ({ body }, reply) => {
    const result = await issueServiceToken(ctx, body.clientId, body.clientSecret);
    if (!result.ok) return reply(401, identityErrors.problem('IDENTITY_ERR_INVALID_CLIENT'));
    return reply(200, result.token, { 'Cache-Control': 'no-store' });
  };
}
