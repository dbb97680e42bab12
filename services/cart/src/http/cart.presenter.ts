/**
 * Turns a stored cart into the contract's `Cart` body (contracts/openapi/cart.yaml): lines with
 * their line totals, units counted, the total in the cart's currency, and when it last changed.
 */
import type { Schemas } from '@bazaar/generated/http/cart/types';
import { lineTotal } from '../domain/cart';
import type { StoredCart } from '../persistence/cart.repository';

export function presentCart({ cart, updatedAt }: StoredCart): Schemas['Cart'] {
  const total = cart.total;
  return {
    items: cart.items.map((line) => ({
      productId: line.productId,
      sku: line.sku,
      name: line.name,
      unitPrice: { amount: line.unitPrice.amount, currency: line.unitPrice.currency },
      quantity: line.quantity,
      lineTotal: { ...lineTotal(line) },
      available: line.available,
    })),
    itemCount: cart.itemCount,
    total: total ? { amount: total.amount, currency: total.currency } : null,
    updatedAt: updatedAt ? updatedAt.toISOString() : null,
  };
}
