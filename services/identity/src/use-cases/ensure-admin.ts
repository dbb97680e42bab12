/**
 * Makes sure an account is an admin (services/identity/src/use-cases), for the two documented ways
 * of getting the first admin: the bootstrap variables at start (only while no admin exists) and
 * the create-admin CLI. The account is created if the email is new (with its user.registered
 * event), or promoted if it exists; an existing account keeps its password.
 */
import { randomUUID } from 'node:crypto';
import { withTransaction } from '@bazaar/platform/db/index';
import { parseDisplayName } from '../domain/display-name';
import { parseEmail } from '../domain/email';
import { InvalidFieldError } from '../domain/invalid-field.error';
import { checkNewPassword } from '../domain/password-policy';
import { ADMIN_ACCOUNT_ROLES, withAdmin } from '../domain/roles';
import {
  countAdmins,
  findUserByEmail,
  lockRoleChanges,
  updateUserRoles,
} from '../persistence/user-store';
import type { IdentityContext } from './identity-context';
import { recordNewAccount } from './record-new-account';

export interface AdminAccount {
  email: string;
  /** Needed only when the account does not exist yet. */
  password?: string;
  displayName: string;
}

export type EnsureAdminOutcome =
  | { outcome: 'created'; userId: string }
  | { outcome: 'promoted'; userId: string }
  | { outcome: 'already-admin'; userId: string }
  /** `onlyIfNoAdmin` was set and Bazaar has an admin already: nothing was changed. */
  | { outcome: 'admin-exists' };

export type EnsureAdminContext = Pick<IdentityContext, 'pool' | 'hasher' | 'metrics' | 'now'>;

/** @throws InvalidFieldError (email, password, displayName) when the input breaks a rule. */
export async function ensureAdmin(
  ctx: EnsureAdminContext,
  account: AdminAccount,
  options: { onlyIfNoAdmin: boolean },
): Promise<EnsureAdminOutcome> {
  const email = parseEmail(account.email);
  const displayName = parseDisplayName(account.displayName);
  if (account.password !== undefined) checkNewPassword(account.password);
  const result = await withTransaction(ctx.pool, async (tx): Promise<EnsureAdminOutcome> => {
    // The role-change lock also serialises instances starting together with the same bootstrap.
    await lockRoleChanges(tx);
    if (options.onlyIfNoAdmin && (await countAdmins(tx)) > 0) return { outcome: 'admin-exists' };
    const existing = await findUserByEmail(tx, email);
    if (existing) {
      if (existing.roles.includes('admin'))
        return { outcome: 'already-admin', userId: existing.id };
      await updateUserRoles(tx, existing.id, withAdmin(existing.roles), ctx.now());
      return { outcome: 'promoted', userId: existing.id };
    }
    if (account.password === undefined)
      throw new InvalidFieldError('password', 'is required to create a new account');
    const userId = randomUUID();
    await recordNewAccount(tx, {
      id: userId,
      email,
      displayName,
      roles: [...ADMIN_ACCOUNT_ROLES],
      passwordHash: await ctx.hasher.hash(account.password),
      createdAt: ctx.now(),
    });
    return { outcome: 'created', userId };
  });
  if (result.outcome === 'created') ctx.metrics.registrations.inc();
  return result;
}
