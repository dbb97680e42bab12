/**
 * Orders' client of the cart (getCart, through the generated cart client) for
 * `{"fromCart": true}`: the cart has no "read another user's cart" operation, so orders reads it
 * as the customer, forwarding the customer's own bearer token (the same token the gateway already
 * verified for placeOrder). Only product ids and quantities are taken from the cart; prices come
 * from the catalog at placement, as the contract promises.
 */
import { createCartClient } from '@bazaar/generated/http/cart/client';
import { ProblemError } from '@bazaar/generated/http/runtime/client-runtime';
import { currentCorrelationId, currentTraceparent } from '@bazaar/platform/telemetry/index';

export class CartUnavailableError extends Error {
  override readonly name = 'CartUnavailableError';
}

export class CartHttpClient {
  constructor(private readonly options: { baseUrl: string; timeoutMs?: number }) {}

  /** The lines of the cart of the customer whose `bearerToken` this is. */
  async cartLines(bearerToken: string): Promise<{ productId: string; quantity: number }[]> {
    const client = createCartClient({
      baseUrl: this.options.baseUrl,
      token: bearerToken,
      correlationId: currentCorrelationId,
      traceparent: currentTraceparent,
      timeoutMs: this.options.timeoutMs ?? 3_000,
    });
    try {
      const cart = await client.getCart();
      return cart.items.map((item) => ({ productId: item.productId, quantity: item.quantity }));
    } catch (error) {
      const status = error instanceof ProblemError ? ` (HTTP ${error.status})` : '';
      throw new CartUnavailableError(`the cart could not be read${status}: ${String(error)}`, {
        cause: error,
      });
    }
  }
}
