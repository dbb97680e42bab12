/**
 * Provider states of inventory's pacts (services/inventory/test/contract): each `given(...)`
 * sentence a consumer writes, mapped to what makes it true in inventory's database, through the
 * real use cases (the product.created handler's use case, adjustStock, ReserveStock,
 * ReleaseStock). Shared by the message verification (provider `inventory-events`) and the gRPC
 * verification (provider `inventory-grpc`).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { VerifierOptions } from '@pact-foundation/pact';
import { withTransaction } from '@bazaar/platform/db/index';
import { adjustStock } from '../../src/use-cases/adjust-stock.use-case';
import { releaseStock } from '../../src/use-cases/release-stock.use-case';
import { reserveStock } from '../../src/use-cases/reserve-stock.use-case';
import { trackProduct } from '../../src/use-cases/track-product.use-case';
import type { UseCaseDeps } from '../../src/use-cases/use-case-deps';

type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>;

export interface SeededStock {
  productId: string;
  available: number;
  /** The order holding units, for the "order … holds …" state. */
  orderId?: string;
}

export interface InventoryProviderStates {
  stateHandlers: StateHandlers;
  /** What the last state seeded (what a message provider then acts on). */
  lastSeeded(): SeededStock;
}

function param(params: unknown, name: string): string {
  const value = (params as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || value === null || value === '')
    throw new Error(`provider state parameter ${name} is missing`);
  return String(value);
}

/**
 * A valid SKU of the product's own, so states for different ids never collide: from a hash of the
 * whole id, since consumers' example ids often share their first digits.
 */
function skuFor(productId: string): string {
  const digest = createHash('sha256').update(productId.toLowerCase()).digest('hex');
  return `PACT-${digest.slice(0, 16).toUpperCase()}`;
}

export function inventoryProviderStates(deps: UseCaseDeps): InventoryProviderStates {
  let seeded: SeededStock | undefined;

  /** Removes every row about the product, so a state builds it from scratch. */
  async function removeProduct(productId: string): Promise<void> {
    await deps.pool.query('DELETE FROM reservation_items WHERE product_id = $1', [productId]);
    await deps.pool.query('DELETE FROM stock_adjustments WHERE product_id = $1', [productId]);
    await deps.pool.query('DELETE FROM stock_items WHERE product_id = $1', [productId]);
  }

  async function seedProduct(productId: string, onHand: number): Promise<void> {
    await removeProduct(productId);
    await withTransaction(deps.pool, (tx) =>
      trackProduct(tx, { productId, sku: skuFor(productId), createdAt: deps.clock() }),
    );
    if (onHand === 0) return;
    const result = await adjustStock(deps, {
      target: { productId },
      delta: onHand,
      reason: 'RESTOCK',
      note: 'provider state',
      source: 'ADMIN',
    });
    if (result.kind !== 'applied') throw new Error(`seeding ${productId} failed: ${result.kind}`);
  }

  /** A new product with exactly the units the order then reserves (params orderId, quantity, productId). */
  async function seedReservation(params: unknown) {
    const productId = param(params, 'productId');
    const orderId = param(params, 'orderId');
    const quantity = Number(param(params, 'quantity'));
    await deps.pool.query(
      `DELETE FROM reservation_items WHERE reservation_id IN
         (SELECT id FROM reservations WHERE order_id = $1)`,
      [orderId],
    );
    await deps.pool.query('DELETE FROM reservations WHERE order_id = $1', [orderId]);
    await seedProduct(productId, quantity);
    const result = await reserveStock(deps, {
      orderId,
      items: [{ productId, quantity }],
      ttlMs: 15 * 60_000,
    });
    if (result.outcome !== 'RESERVED') throw new Error(`reserving failed: ${result.outcome}`);
    return { orderId, productId, quantity };
  }

  return {
    stateHandlers: {
      'product {productId} has {available} units available': async (params: unknown) => {
        const productId = param(params, 'productId');
        const available = Number(param(params, 'available'));
        await seedProduct(productId, available);
        seeded = { productId, available };
        return undefined;
      },
      'order {orderId} holds {quantity} units of product {productId}': async (params: unknown) => {
        const { orderId, productId } = await seedReservation(params);
        seeded = { productId, available: 0, orderId };
        return undefined;
      },
      'order {orderId} released its reservation of {quantity} units of product {productId}': async (
        params: unknown,
      ) => {
        const { orderId, productId, quantity } = await seedReservation(params);
        const result = await releaseStock(deps, { orderId, reason: 'ORDER_CANCELED' });
        if (result.outcome !== 'RELEASED') throw new Error(`releasing failed: ${result.outcome}`);
        seeded = { productId, available: quantity, orderId };
        return undefined;
      },
    },
    lastSeeded() {
      if (!seeded) throw new Error('no provider state seeded a product');
      return seeded;
    },
  };
}

/** A fresh order id for a message provider that places a new order. */
export const newOrderId = (): string => randomUUID();
