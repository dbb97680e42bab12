/**
 * Roles of user accounts and the rules for changing them (services/identity/src/domain): every
 * new account is a customer; `service` belongs to service tokens only; and Bazaar never loses its
 * last admin.
 */
import { InvalidFieldError } from './invalid-field.error';

/** The roles a user account can hold, in the order they are listed (contract `UserRole`). */
export const USER_ROLES = ['customer', 'admin', 'partner'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The role of tokens issued to Bazaar's own services; never held by a user account. */
export const SERVICE_ROLE = 'service';

/** What a newly registered account holds. */
export const NEW_ACCOUNT_ROLES: readonly UserRole[] = Object.freeze(['customer']);

/** The roles of an account created to administer Bazaar (bootstrap or CLI). */
export const ADMIN_ACCOUNT_ROLES: readonly UserRole[] = Object.freeze(['customer', 'admin']);

export function isUserRole(value: string): value is UserRole {
  return (USER_ROLES as readonly string[]).includes(value);
}

/**
 * Checks a complete new set of roles and returns it without duplicates in USER_ROLES order.
 * @throws InvalidFieldError naming `field` for an empty set, `service` or an unknown role.
 */
export function parseRoleSet(roles: readonly string[], field = 'roles'): UserRole[] {
  if (roles.length === 0) throw new InvalidFieldError(field, 'must name at least one role');
  for (const role of roles) {
    if (role === SERVICE_ROLE)
      throw new InvalidFieldError(
        field,
        'must not include "service": it belongs to service tokens',
      );
    if (!isUserRole(role))
      throw new InvalidFieldError(field, `must contain only ${USER_ROLES.join(', ')}`);
  }
  return USER_ROLES.filter((role) => roles.includes(role));
}

/** `roles` plus admin, in USER_ROLES order. */
export function withAdmin(roles: readonly UserRole[]): UserRole[] {
  return USER_ROLES.filter((role) => role === 'admin' || roles.includes(role));
}

export type RoleChangeDecision =
  { allowed: true; roles: UserRole[] } | { allowed: false; reason: 'last-admin' };

/**
 * Decides whether a user's roles may become `next`. `adminCount` is the number of accounts that
 * hold admin now (the caller counts them while holding the role-change lock, so no concurrent
 * change can slip between the count and the write).
 */
export function decideRoleChange(
  current: readonly UserRole[],
  next: readonly UserRole[],
  adminCount: number,
): RoleChangeDecision {
  const losesAdmin = current.includes('admin') && !next.includes('admin');
  if (losesAdmin && adminCount <= 1) return { allowed: false, reason: 'last-admin' };
  return { allowed: true, roles: [...next] };
}
