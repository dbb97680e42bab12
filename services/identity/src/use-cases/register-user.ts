/**
 * Use case `register` (services/identity/src/use-cases): checks the input against the domain
 * rules, hashes the password with argon2id and records a customer account with its
 * user.registered event in one transaction. Registering does not sign in.
 */
import { randomUUID } from 'node:crypto';
import { withTransaction } from '@bazaar/platform/db/index';
import { parseDisplayName } from '../domain/display-name';
import { parseEmail } from '../domain/email';
import { checkNewPassword } from '../domain/password-policy';
import { NEW_ACCOUNT_ROLES } from '../domain/roles';
import type { User } from '../domain/user';
import { EmailTakenError } from '../persistence/user-store';
import type { IdentityContext } from './identity-context';
import { recordNewAccount } from './record-new-account';

export interface Registration {
  email: string;
  password: string;
  displayName: string;
}

export type RegisterResult = { ok: true; user: User } | { ok: false; error: 'email-taken' };

/** @throws InvalidFieldError (domain) naming the field that breaks a rule. */
export async function registerUser(
  ctx: IdentityContext,
  input: Registration,
): Promise<RegisterResult> {
  const email = parseEmail(input.email);
  const displayName = parseDisplayName(input.displayName);
  checkNewPassword(input.password);
  const user: User = {
    id: randomUUID(),
    email,
    displayName,
    roles: [...NEW_ACCOUNT_ROLES],
    passwordHash: await ctx.hasher.hash(input.password),
    createdAt: ctx.now(),
  };
  try {
    await withTransaction(ctx.pool, (tx) => recordNewAccount(tx, user));
  } catch (err) {
    if (err instanceof EmailTakenError) return { ok: false, error: 'email-taken' };
    throw err;
  }
  ctx.metrics.registrations.inc();
  return { ok: true, user };
}
