/**
 * Every identity operation and its handler (services/identity/src/http/routes.ts): the one list,
 * typed by the generated IdentityHandlers, so a new contract operation does not compile until it
 * is handled here.
 */
import type { IdentityHandlers } from '@bazaar/generated/http/identity/server';
import type { IdentityContext } from '../use-cases/identity-context';
import { getJwksHandler } from './get-jwks.handler';
import { getMeHandler } from './get-me.handler';
import { issueServiceTokenHandler } from './issue-service-token.handler';
import { loginHandler } from './login.handler';
import { logoutHandler } from './logout.handler';
import { refreshTokensHandler } from './refresh-tokens.handler';
import { registerHandler } from './register.handler';
import { setUserRolesHandler } from './set-user-roles.handler';

export interface RouteOptions {
  jwksMaxAgeSeconds: number;
}

export function identityRoutes(ctx: IdentityContext, options: RouteOptions): IdentityHandlers {
  return {
    register: registerHandler(ctx),
    login: loginHandler(ctx),
    refreshTokens: refreshTokensHandler(ctx),
    logout: logoutHandler(ctx),
    getMe: getMeHandler(ctx),
    getJwks: getJwksHandler(ctx.signingKey, options.jwksMaxAgeSeconds),
    setUserRoles: setUserRolesHandler(ctx),
    issueServiceToken: issueServiceTokenHandler(ctx),
  };
}
