/**
 * Validation of what a caller asks to reserve (inventory domain, proto ReserveStockRequest): the
 * order id, 1 to 100 distinct products with at least one unit each, and a ttl of 1 s to 24 h.
 */
import { InvalidFieldError } from './domain-errors';
import { MAX_UNITS } from './stock-level';

export const MAX_RESERVATION_ITEMS = 100;
export const MIN_TTL_MS = 1_000;
export const MAX_TTL_MS = 24 * 60 * 60 * 1_000;

export interface RequestedItem {
  readonly productId: string;
  readonly quantity: number;
}

/** A protobuf Duration as the generated types carry it. */
export interface TtlDuration {
  readonly seconds: number;
  readonly nanos: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Ids are UUIDs in canonical lower-case text (proto conventions). */
export function requireUuid(value: string, field: string): string {
  if (value === '') throw new InvalidFieldError(field, 'is required');
  if (!UUID.test(value)) throw new InvalidFieldError(field, 'must be a lower-case UUID');
  return value;
}

/** Checks the items of a reservation; throws InvalidFieldError naming the first bad field. */
export function validateReservationItems(items: readonly RequestedItem[]): RequestedItem[] {
  if (items.length === 0) throw new InvalidFieldError('items', 'at least one item is required');
  if (items.length > MAX_RESERVATION_ITEMS)
    throw new InvalidFieldError('items', `at most ${MAX_RESERVATION_ITEMS} items are allowed`);
  const seen = new Set<string>();
  return items.map((item, index) => {
    const productId = requireUuid(item.productId, `items[${index}].product_id`);
    if (seen.has(productId))
      throw new InvalidFieldError(`items[${index}].product_id`, `${productId} is listed twice`);
    seen.add(productId);
    if (!Number.isInteger(item.quantity) || item.quantity < 1)
      throw new InvalidFieldError(`items[${index}].quantity`, 'must be at least 1');
    if (item.quantity > MAX_UNITS)
      throw new InvalidFieldError(`items[${index}].quantity`, `must be at most ${MAX_UNITS}`);
    return { productId, quantity: item.quantity };
  });
}

/** The reservation's lifetime in ms: the request's ttl (1 s..24 h) or the configured default. */
export function resolveTtlMs(ttl: TtlDuration | null | undefined, defaultTtlMs: number): number {
  if (!ttl) return defaultTtlMs;
  const ms = ttl.seconds * 1_000 + Math.floor(ttl.nanos / 1_000_000);
  if (ttl.nanos < 0 || ttl.seconds < 0 || ms < MIN_TTL_MS || ms > MAX_TTL_MS)
    throw new InvalidFieldError('ttl', 'must be between 1 s and 24 h');
  return ms;
}

/** True when two item lists name the same products with the same quantities, in any order. */
export function sameItems(a: readonly RequestedItem[], b: readonly RequestedItem[]): boolean {
  if (a.length !== b.length) return false;
  const quantities = new Map(a.map((item) => [item.productId, item.quantity]));
  return b.every((item) => quantities.get(item.productId) === item.quantity);
}
