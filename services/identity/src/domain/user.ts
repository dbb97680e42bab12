/** A user account as identity keeps it (services/identity/src/domain); the hash never leaves the service. */
import type { UserRole } from './roles';

export interface User {
  id: string;
  /** Lower-cased (see email.ts). */
  email: string;
  displayName: string;
  roles: UserRole[];
  /** argon2id PHC string. */
  passwordHash: string;
  createdAt: Date;
}
