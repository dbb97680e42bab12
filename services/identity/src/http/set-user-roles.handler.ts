/** HTTP handler of `setUserRoles` (services/identity/src/http; admin only, enforced by the binding). */
import type { IdentityHandlers } from '@bazaar/generated/http/identity/server';
import { identityErrors } from '../errors';
import type { IdentityContext } from '../use-cases/identity-context';
import { setUserRoles } from '../use-cases/set-user-roles';
import { orInvalidField } from './invalid-field.problem';
import { userRepresentation } from './user.representation';

export function setUserRolesHandler(ctx: IdentityContext): IdentityHandlers['setUserRoles'] {
  return ({ path, body }, reply) =>
    orInvalidField(
      async () => {
        const result = await setUserRoles(ctx, path.userId, body.roles);
        if (result.ok) return reply(200, userRepresentation(result.user));
        if (result.error === 'not-found')
          return reply(
            404,
            identityErrors.problem('IDENTITY_ERR_USER_NOT_FOUND', `no user ${path.userId}`),
          );
        return reply(
          409,
          identityErrors.problem('IDENTITY_ERR_LAST_ADMIN', 'this user is the only admin left'),
        );
      },
      (problem) => reply(400, problem),
    );
}
