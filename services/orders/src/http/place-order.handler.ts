/**
 * placeOrder over HTTP: the contract's request in; out 201 (placed, stock reserved, Location),
 * 409 ORDERS_ERR_OUT_OF_STOCK with the order id and every shortage, 503 with Retry-After when
 * inventory (or the catalog or cart) could not be reached, 422 for an empty cart, an unknown
 * product or mixed currencies, and 400 naming the repeated `body.items[i].productId`. The
 * Idempotency-Key middleware runs in front (service.ts).
 */
import type { OrdersHandlers } from '@bazaar/generated/http/orders/server';
import { problem } from '@bazaar/generated/http/runtime/server-runtime';
import { ordersErrors } from '../errors';
import type { OrdersMetrics } from '../metrics';
import type { PlaceOrderInput, PlaceOrderResult } from '../use-cases/place-order';
import { ruleProblem } from './order-rule.problem';
import { orderPath, toOrderBody } from './order.representation';

export interface PlaceOrderHandlerDeps {
  placeOrder: (input: PlaceOrderInput) => Promise<PlaceOrderResult>;
  metrics: OrdersMetrics;
  inventoryRetryAfterSeconds: number;
}

export function placeOrderHandler(deps: PlaceOrderHandlerDeps): OrdersHandlers['placeOrder'] {
  return async function placeOrderHandler({ body, headers, auth }, reply) {
    const startedAt = performance.now();
    const done = (outcome: string) =>
      deps.metrics.creationLatencyMs.observe({ outcome }, performance.now() - startedAt);
    let result: PlaceOrderResult;
    try {
      result = await deps.placeOrder({
        customerId: auth.userId.toLowerCase(),
        bearerToken: auth.token,
        idempotencyKey: headers['Idempotency-Key'],
        request: 'items' in body ? { items: body.items } : { fromCart: true },
      });
    } catch (error) {
      const rule = ruleProblem(error);
      if (!rule) throw error;
      done('rejected');
      return reply(422, rule);
    }
    switch (result.kind) {
      case 'placed':
        done('placed');
        return reply(201, toOrderBody(result.order), { Location: orderPath(result.order.orderId) });
      case 'out-of-stock': {
        done('out_of_stock');
        const count = result.shortages.length;
        return reply(409, {
          ...ordersErrors.problem(
            'ORDERS_ERR_OUT_OF_STOCK',
            `${count} product${count === 1 ? ' is' : 's are'} out of stock; the order was canceled`,
          ),
          orderId: result.order.orderId,
          shortages: result.shortages.map((s) => ({ ...s })),
        });
      }
      case 'inventory-unavailable':
        done('inventory_unavailable');
        return reply(
          503,
          ordersErrors.problem(
            'ORDERS_ERR_INVENTORY_UNAVAILABLE',
            `stock could not be reserved; the order ${result.order.orderId} was canceled`,
          ),
          { 'Retry-After': String(deps.inventoryRetryAfterSeconds) },
        );
      case 'dependency-unavailable':
        done(`${result.service}_unavailable`);
        return reply(
          503,
          ordersErrors.problem(
            'SERVICE_UNAVAILABLE',
            `the ${result.service} service could not be reached; nothing was ordered`,
          ),
          { 'Retry-After': String(deps.inventoryRetryAfterSeconds) },
        );
      case 'duplicate-product': {
        done('rejected');
        const field = `body.items[${result.index}].productId`;
        const message = `product ${result.productId} appears more than once`;
        return reply(
          400,
          problem(400, 'VALIDATION_FAILED', 'Request validation failed', `${field} ${message}`, {
            errors: [{ field, message }],
          }) as never,
        );
      }
      case 'empty-cart':
        done('rejected');
        return reply(
          422,
          ordersErrors.problem('ORDERS_ERR_EMPTY_CART', 'the cart has no items to order'),
        );
      case 'unknown-product':
        done('rejected');
        return reply(
          422,
          ordersErrors.problem(
            'ORDERS_ERR_UNKNOWN_PRODUCT',
            result.productIds.map((id) => `product ${id} does not exist`).join('; '),
          ),
        );
    }
  };
}
