/**
 * Test data for cart suites: puts a product in a user's cart straight through the cart's own
 * persistence (as an add would record it), and reads back carts and outbox events.
 */
import { withTransaction } from '@bazaar/platform/db/index';
import type pg from 'pg';
import { loadCart, lockCart, saveLine, touchCarts } from '../../src/persistence/cart.repository';
import {
  recordCatalogRead,
  type CatalogRead,
} from '../../src/persistence/catalog-products.repository';

/** A catalog product as a read would record it; override what the test cares about. */
export function catalogRead(overrides: Partial<CatalogRead> & { productId: string }): CatalogRead {
  return {
    sku: 'MUG-BLUE-01',
    name: 'Blue ceramic mug',
    price: { amount: 1299, currency: 'USD' },
    inStock: true,
    asOf: new Date('2026-11-01T09:00:00.000Z'),
    ...overrides,
  };
}

/** Puts `quantity` units of `product` in the user's cart (creating the cart), as an add would. */
export async function seedCartLine(
  pool: pg.Pool,
  userId: string,
  product: CatalogRead,
  quantity: number,
): Promise<void> {
  await withTransaction(pool, async (tx) => {
    await recordCatalogRead(tx, product);
    await lockCart(tx, userId, { create: true });
    await saveLine(tx, userId, product.productId, quantity);
    await touchCarts(tx, [userId]);
  });
}

export function readCart(pool: pg.Pool, userId: string) {
  return loadCart(pool, userId);
}

export async function cartExists(pool: pg.Pool, userId: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM carts WHERE user_id = $1', [userId]);
  return rowCount === 1;
}

export interface OutboxEvent {
  eventType: string;
  payload: Record<string, unknown>;
  correlationId: string;
  traceId: string;
}

/** The events the cart appended to its outbox, oldest first (optionally of one type). */
export async function outboxEvents(pool: pg.Pool, eventType?: string): Promise<OutboxEvent[]> {
  const { rows } = await pool.query<{ message: OutboxEvent }>(
    `SELECT message FROM platform.outbox
      WHERE $1::text IS NULL OR event_type = $1 ORDER BY position`,
    [eventType ?? null],
  );
  return rows.map((row) => row.message);
}
