/**
 * Who may do what with an order (architecture §4, contracts/openapi/orders.yaml): its customer
 * and admins read it, only its customer pays it, its customer or an admin cancels it. To anyone
 * else an order is `hidden` (answered as if it did not exist), except that canceling another
 * customer's order is `forbidden`.
 */

export interface Actor {
  userId: string;
  isAdmin: boolean;
}

export type Access = 'allowed' | 'forbidden' | 'hidden';

export function readAccess(actor: Actor, customerId: string): Access {
  return actor.userId === customerId || actor.isAdmin ? 'allowed' : 'hidden';
}

/** Paying is the customer's own act: an admin may see the order but not pay it. */
export function payAccess(actor: Actor, customerId: string): Access {
  if (actor.userId === customerId) return 'allowed';
  return actor.isAdmin ? 'forbidden' : 'hidden';
}

/** Who cancels, and in which capacity (an admin cancels with admin powers, even their own order). */
export function cancelAccess(
  actor: Actor,
  customerId: string,
): { access: Access; by: 'customer' | 'admin' } {
  if (actor.isAdmin) return { access: 'allowed', by: 'admin' };
  return { access: actor.userId === customerId ? 'allowed' : 'forbidden', by: 'customer' };
}
