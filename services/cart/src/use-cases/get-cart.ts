/**
 * Use case: show a user their cart. Prices and availability are what the cart already knows
 * (kept current by catalog events), so reading a cart never waits for the catalog.
 */
import type pg from 'pg';
import { loadCart, type StoredCart } from '../persistence/cart.repository';

export function getCart(pool: pg.Pool, userId: string): Promise<StoredCart> {
  return loadCart(pool, userId);
}
