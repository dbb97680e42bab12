/**
 * Use case `login` (services/identity/src/use-cases): checks email and password and opens a new
 * refresh-token family. An unknown email and a wrong password cost the same argon2id work and get
 * the same answer, so neither the response nor its timing tells whether an address is registered.
 */
import { withTransaction } from '@bazaar/platform/db/index';
import { normalizeEmail } from '../domain/email';
import { findUserByEmail, updatePasswordHash } from '../persistence/user-store';
import type { IdentityContext, TokenPair } from './identity-context';
import { issueFirstPair } from './issue-token-pair';

export interface Credentials {
  email: string;
  password: string;
}

export type LoginResult = { ok: true; tokens: TokenPair } | { ok: false };

export async function logIn(ctx: IdentityContext, input: Credentials): Promise<LoginResult> {
  const user = await findUserByEmail(ctx.pool, normalizeEmail(input.email));
  const valid = await ctx.hasher.verify(user?.passwordHash, input.password);
  if (!user || !valid) {
    ctx.metrics.logins.inc({ outcome: 'failure' });
    return { ok: false };
  }
  // The password is known to be right only now: the moment to move an old hash to today's cost.
  if (ctx.hasher.needsRehash(user.passwordHash)) {
    await updatePasswordHash(ctx.pool, user.id, await ctx.hasher.hash(input.password), ctx.now());
  }
  const tokens = await withTransaction(ctx.pool, (tx) => issueFirstPair(ctx, tx, user));
  ctx.metrics.logins.inc({ outcome: 'success' });
  return { ok: true, tokens };
}
