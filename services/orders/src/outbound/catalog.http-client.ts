/**
 * Orders' client of the catalog (getProduct, through the generated catalog client): the current
 * SKU, name and price of each product of a new order, read in parallel at placement and kept in
 * the order as a snapshot. A product the catalog does not have (404) is reported as unknown; a
 * catalog that does not answer is CatalogUnavailableError. Built from a base URL (Pact-friendly).
 */
import { createCatalogClient, type CatalogClient } from '@bazaar/generated/http/catalog/client';
import { ProblemError } from '@bazaar/generated/http/runtime/client-runtime';
import { currentCorrelationId, currentTraceparent } from '@bazaar/platform/telemetry/index';
import type { Money } from '../domain/money';

export interface CatalogProduct {
  productId: string;
  sku: string;
  name: string;
  price: Money;
}

export class CatalogUnavailableError extends Error {
  override readonly name = 'CatalogUnavailableError';
}

export class CatalogHttpClient {
  private readonly client: CatalogClient;

  constructor(options: { baseUrl: string; timeoutMs?: number }) {
    this.client = createCatalogClient({
      baseUrl: options.baseUrl,
      correlationId: currentCorrelationId,
      traceparent: currentTraceparent,
      timeoutMs: options.timeoutMs ?? 3_000,
    });
  }

  /** The products found, by id, and the ids the catalog does not know (or has withdrawn). */
  async products(
    productIds: readonly string[],
  ): Promise<{ found: Map<string, CatalogProduct>; unknown: string[] }> {
    const found = new Map<string, CatalogProduct>();
    const unknown: string[] = [];
    await Promise.all(
      productIds.map(async (productId) => {
        try {
          const product = await this.client.getProduct({ params: { path: { productId } } });
          found.set(productId, {
            productId,
            sku: product.sku,
            name: product.name,
            price: { amount: product.price.amount, currency: product.price.currency },
          });
        } catch (error) {
          if (error instanceof ProblemError && error.status === 404) unknown.push(productId);
          else
            throw new CatalogUnavailableError(
              `catalog did not price product ${productId}: ${String(error)}`,
              {
                cause: error,
              },
            );
        }
      }),
    );
    return { found, unknown };
  }
}
