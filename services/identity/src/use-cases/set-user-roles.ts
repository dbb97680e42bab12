/**
 * Use case `setUserRoles` (services/identity/src/use-cases): replaces a user's roles, refusing to
 * take admin from the last admin. Role changes are serialised by one advisory lock, so two admins
 * demoting each other at the same moment cannot leave Bazaar without one.
 */
import { withTransaction } from '@bazaar/platform/db/index';
import { decideRoleChange, parseRoleSet } from '../domain/roles';
import type { User } from '../domain/user';
import {
  countAdmins,
  findUserById,
  lockRoleChanges,
  updateUserRoles,
} from '../persistence/user-store';
import type { IdentityContext } from './identity-context';

export type SetRolesResult =
  { ok: true; user: User } | { ok: false; error: 'not-found' | 'last-admin' };

/** @throws InvalidFieldError (domain) for an empty set, `service` or an unknown role. */
export async function setUserRoles(
  ctx: IdentityContext,
  userId: string,
  roles: readonly string[],
): Promise<SetRolesResult> {
  const next = parseRoleSet(roles);
  return withTransaction(ctx.pool, async (tx): Promise<SetRolesResult> => {
    await lockRoleChanges(tx);
    const user = await findUserById(tx, userId);
    if (!user) return { ok: false, error: 'not-found' };
    const decision = decideRoleChange(user.roles, next, await countAdmins(tx));
    if (!decision.allowed) return { ok: false, error: 'last-admin' };
    await updateUserRoles(tx, user.id, decision.roles, ctx.now());
    return { ok: true, user: { ...user, roles: decision.roles } };
  });
}
