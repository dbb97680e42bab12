/**
 * placeOrder (architecture §5 steps 1–2): price the items at the catalog (or the customer's cart
 * contents), persist the order PENDING with its saga at RESERVING_STOCK (order.created goes to the
 * outbox in that transaction), then reserve its stock and answer with the outcome. The
 * Idempotency-Key's order is recorded with it, so the same key after a crash continues that order;
 * after a RESERVATION_FAILED cancel (a 503, which the platform does not store) the same key places
 * a new order, as the contract promises.
 */
import type { OrderLine, StockShortage } from '../domain/order-events';
import { firstRepeatedProduct } from '../domain/order-lines';
import type { OrderState } from '../domain/order-state';
import { CartUnavailableError } from '../outbound/cart.http-client';
import { CatalogUnavailableError } from '../outbound/catalog.http-client';
import { loadOrder } from '../persistence/order-event-store';
import {
  findPlacedOrder,
  PlacementTakenError,
  recordPlacement,
} from '../persistence/order-placement-store';
import { runOrderCommand } from './order-transaction';
import { reserveStock } from './reserve-stock.step';
import type { UseCaseDeps } from './use-case-deps';

export type PlaceOrderRequest =
  { items: readonly { productId: string; quantity: number }[] } | { fromCart: true };

export interface PlaceOrderInput {
  customerId: string;
  /** The customer's bearer token, to read their cart. */
  bearerToken: string;
  idempotencyKey: string;
  request: PlaceOrderRequest;
}

export type PlaceOrderResult =
  | { kind: 'placed'; order: OrderState }
  | { kind: 'out-of-stock'; order: OrderState; shortages: readonly StockShortage[] }
  | { kind: 'inventory-unavailable'; order: OrderState }
  | { kind: 'duplicate-product'; index: number; productId: string }
  | { kind: 'empty-cart' }
  | { kind: 'unknown-product'; productIds: string[] }
  | { kind: 'dependency-unavailable'; service: 'catalog' | 'cart'; detail: string };

function resultOf(order: OrderState): PlaceOrderResult {
  const reason = order.status === 'CANCELED' ? order.cancellation?.reason : undefined;
  if (reason === 'OUT_OF_STOCK')
    return { kind: 'out-of-stock', order, shortages: order.cancellation?.shortages ?? [] };
  if (reason === 'RESERVATION_FAILED') return { kind: 'inventory-unavailable', order };
  return { kind: 'placed', order };
}

/** What the key placed before: continue it, or (after a failed reservation) replace it. */
async function earlierPlacement(
  deps: UseCaseDeps,
  input: PlaceOrderInput,
): Promise<{ done: PlaceOrderResult } | { replacing: string | undefined }> {
  const orderId = await findPlacedOrder(deps.pool, input.customerId, input.idempotencyKey);
  if (!orderId) return { replacing: undefined };
  const order = await loadOrder(deps.pool, orderId);
  if (!order) return { replacing: undefined };
  if (order.step === 'RESERVING_STOCK') return { done: resultOf(await reserveStock(deps, order)) };
  if (order.cancellation?.reason === 'RESERVATION_FAILED') return { replacing: orderId };
  return { done: resultOf(order) };
}

async function requestedLines(
  deps: UseCaseDeps,
  input: PlaceOrderInput,
): Promise<readonly { productId: string; quantity: number }[] | PlaceOrderResult> {
  if ('items' in input.request) return input.request.items;
  try {
    const lines = await deps.cart.cartLines(input.bearerToken);
    return lines.length === 0 ? { kind: 'empty-cart' } : lines;
  } catch (error) {
    if (error instanceof CartUnavailableError)
      return { kind: 'dependency-unavailable', service: 'cart', detail: error.message };
    throw error;
  }
}

async function pricedLines(
  deps: UseCaseDeps,
  requested: readonly { productId: string; quantity: number }[],
): Promise<OrderLine[] | PlaceOrderResult> {
  try {
    const { found, unknown } = await deps.catalog.products(requested.map((r) => r.productId));
    if (unknown.length > 0) return { kind: 'unknown-product', productIds: unknown };
    return requested.map((r) => {
      const product = found.get(r.productId)!;
      return {
        productId: r.productId.toLowerCase(),
        sku: product.sku,
        name: product.name,
        unitPrice: product.price,
        quantity: r.quantity,
      };
    });
  } catch (error) {
    if (error instanceof CatalogUnavailableError)
      return { kind: 'dependency-unavailable', service: 'catalog', detail: error.message };
    throw error;
  }
}

export async function placeOrder(
  deps: UseCaseDeps,
  input: PlaceOrderInput,
): Promise<PlaceOrderResult> {
  for (let round = 1; ; round++) {
    const earlier = await earlierPlacement(deps, input);
    if ('done' in earlier) return earlier.done;
    const requested = await requestedLines(deps, input);
    if (!Array.isArray(requested)) return requested as PlaceOrderResult;
    const repeated = firstRepeatedProduct(requested.map((r) => r.productId));
    if (repeated >= 0)
      return {
        kind: 'duplicate-product',
        index: repeated,
        productId: requested[repeated]!.productId,
      };
    const lines = await pricedLines(deps, requested);
    if (!Array.isArray(lines)) return lines as PlaceOrderResult;

    const orderId = deps.newId();
    let placed: OrderState | undefined;
    try {
      placed = (
        await runOrderCommand(
          deps,
          orderId,
          {
            type: 'PlaceOrder',
            customerId: input.customerId,
            lines,
            fromCart: 'fromCart' in input.request,
          },
          {
            // A new id: no history to read.
            knownState: { state: undefined },
            ...(earlier.replacing
              ? {
                  alsoInTransaction: (tx) =>
                    recordPlacement(tx, {
                      customerId: input.customerId,
                      idempotencyKey: input.idempotencyKey,
                      orderId,
                      replacing: earlier.replacing,
                      now: deps.clock(),
                    }),
                }
              : {
                  placement: {
                    customerId: input.customerId,
                    idempotencyKey: input.idempotencyKey,
                    orderId,
                    now: deps.clock(),
                  },
                }),
          },
        )
      ).state;
    } catch (error) {
      // Another request with this key placed its order first: continue that one instead.
      if (error instanceof PlacementTakenError && round < 3) continue;
      throw error;
    }
    if (!placed) throw new Error(`order ${orderId} was not placed`);
    deps.metrics.ordersCreated.inc();
    return resultOf(await reserveStock(deps, placed, { justWritten: true }));
  }
}
