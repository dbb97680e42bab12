/** HTTP handler of `refreshTokens` (services/identity/src/http): the next token pair, or why not. */
import type { IdentityHandlers } from '@bazaar/generated/http/identity/server';
import { identityErrors } from '../errors';
import type { IdentityContext } from '../use-cases/identity-context';
import { refreshTokens } from '../use-cases/refresh-tokens';

const INVALID_DETAIL = {
  unknown: 'the refresh token is not known',
  expired: 'the refresh token has expired',
  revoked: 'the refresh token was revoked',
} as const;

export function refreshTokensHandler(ctx: IdentityContext): IdentityHandlers['refreshTokens'] {
  return async ({ body }, reply) => {
    const result = await refreshTokens(ctx, body.refreshToken);
    if (result.ok) return reply(200, result.tokens, { 'Cache-Control': 'no-store' });
    if (result.error === 'reused')
      return reply(
        401,
        identityErrors.problem(
          'IDENTITY_ERR_REFRESH_TOKEN_REUSED',
          'this refresh token was already used; all sessions of this sign-in were revoked',
        ),
      );
    return reply(
      401,
      identityErrors.problem('IDENTITY_ERR_INVALID_REFRESH_TOKEN', INVALID_DETAIL[result.reason]),
    );
  };
}
