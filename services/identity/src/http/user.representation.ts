/** The contract's `User` body from a domain user (services/identity/src/http); the hash stays behind. */
import type { Schemas } from '@bazaar/generated/http/identity/types';
import type { User } from '../domain/user';

export function userRepresentation(user: User): Schemas['User'] {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: [...user.roles],
    createdAt: user.createdAt.toISOString(),
  };
}
