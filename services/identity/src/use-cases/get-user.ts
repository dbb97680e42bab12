/** Use case `getMe` (services/identity/src/use-cases): the caller's account with its current roles. */
import type { User } from '../domain/user';
import { findUserById } from '../persistence/user-store';
import type { IdentityContext } from './identity-context';

/** Undefined when `userId` names no account (e.g. the sub of a service token). */
export function getUser(ctx: IdentityContext, userId: string): Promise<User | undefined> {
  return findUserById(ctx.pool, userId);
}
