/**
 * Use case `issueServiceToken` (services/identity/src/use-cases): a Bazaar service trades its
 * client credentials for an access token with `roles: [service]` and `sub` = its client id (the
 * contract's bearerAuth scheme), signed like user tokens. No refresh token: services ask again.
 */
import { SERVICE_ROLE } from '../domain/roles';
import type { IdentityContext } from './identity-context';

export interface ServiceToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export type ServiceTokenResult = { ok: true; token: ServiceToken } | { ok: false };

export async function issueServiceToken(
  ctx: IdentityContext,
  clientId: string,
  clientSecret: string,
): Promise<ServiceTokenResult> {
  if (!ctx.serviceClients.verify(clientId, clientSecret)) {
    ctx.metrics.serviceTokens.inc({ outcome: 'failure' });
    return { ok: false };
  }
  const access = await ctx.accessTokens.issue(clientId, [SERVICE_ROLE], ctx.lifetimes.serviceToken);
  ctx.metrics.serviceTokens.inc({ outcome: 'success' });
  return {
    ok: true,
    token: { accessToken: access.token, tokenType: 'Bearer', expiresIn: access.expiresIn },
  };
}
