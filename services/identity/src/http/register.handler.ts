/** HTTP handler of `register` (services/identity/src/http): 201 with the account and Location /api/v1/auth/me. */
import type { IdentityHandlers } from '@bazaar/generated/http/identity/server';
import { identityErrors } from '../errors';
import type { IdentityContext } from '../use-cases/identity-context';
import { registerUser } from '../use-cases/register-user';
import { orInvalidField } from './invalid-field.problem';
import { userRepresentation } from './user.representation';

export function registerHandler(ctx: IdentityContext): IdentityHandlers['register'] {
  return ({ body }, reply) =>
    orInvalidField(
      async () => {
        const result = await registerUser(ctx, body);
        if (!result.ok)
          return reply(
            409,
            identityErrors.problem(
              'IDENTITY_ERR_EMAIL_TAKEN',
              'an account with this email address already exists',
            ),
          );
        return reply(201, userRepresentation(result.user), { Location: '/api/v1/auth/me' });
      },
      (problem) => reply(400, problem),
    );
}
