/**
 * Use case: a new user gets their empty cart (ecommerce.identity.user.registered.v1). A cart that
 * already exists (the user added something before the event arrived) is left as it is.
 */
import type pg from 'pg';
import { createCart } from '../persistence/cart.repository';

export function createCartForNewUser(tx: pg.ClientBase, userId: string): Promise<boolean> {
  return createCart(tx, userId);
}
