/** HTTP handler of `getMe` (services/identity/src/http): the caller's account with its current roles. */
import type { IdentityHandlers } from '@bazaar/generated/http/identity/server';
import { identityErrors } from '../errors';
import type { IdentityContext } from '../use-cases/identity-context';
import { getUser } from '../use-cases/get-user';
import { userRepresentation } from './user.representation';

export function getMeHandler(ctx: IdentityContext): IdentityHandlers['getMe'] {
  return async ({ auth }, reply) => {
    const user = await getUser(ctx, auth.userId);
    if (!user)
      return reply(
        404,
        identityErrors.problem(
          'IDENTITY_ERR_USER_NOT_FOUND',
          'the token subject is not a user account',
        ),
      );
    return reply(200, userRepresentation(user));
  };
}
