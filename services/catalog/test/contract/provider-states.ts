/**
 * Provider states of the catalog's pacts (services/catalog/test/contract): each `given(...)`
 * sentence a consumer writes, mapped to what makes it true in the catalog's database, through the
 * real use cases. Shared by the HTTP verification (provider `catalog`) and the message
 * verification (provider `catalog-events`).
 */
import type { VerifierOptions } from '@pact-foundation/pact';
import type { Money } from '../../src/domain/money';
import { findProduct } from '../../src/persistence/product.store';
import type { CatalogDeps } from '../../src/use-cases/catalog-deps';
import { createProduct } from '../../src/use-cases/create-product';

type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>;

export interface SeededProduct {
  id: string;
  sku: string;
  price: Money;
}

export interface CatalogProviderStates {
  stateHandlers: StateHandlers;
  /** The product the last "exists" state seeded (what a message provider then acts on). */
  lastSeeded(): SeededProduct;
  /** The id the last "does not exist" state cleared (a message provider may then create it). */
  lastAbsent(): string;
}

export interface ProviderStateOptions {
  /** Drops whatever the cache holds for a product whose rows a state replaced. */
  forgetCached?: (productId: string) => Promise<void>;
}

function param(params: unknown, name: string): string {
  const value = (params as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || value === null || value === '')
    throw new Error(`provider state parameter ${name} is missing`);
  return String(value);
}

/** A valid SKU of the product's own, so states for different ids never collide. */
function skuFor(productId: string): string {
  return `PACT-${productId.replace(/-/g, '').slice(0, 12).toUpperCase()}`;
}

export function catalogProviderStates(
  deps: CatalogDeps,
  options: ProviderStateOptions = {},
): CatalogProviderStates {
  let seeded: SeededProduct | undefined;
  let absent: string | undefined;

  /** Removes every row of the product (a state replaces it from scratch). */
  async function removeProduct(productId: string): Promise<void> {
    await deps.pool.query('DELETE FROM product_prices WHERE product_id = $1', [productId]);
    await deps.pool.query('DELETE FROM products WHERE id = $1', [productId]);
    await options.forgetCached?.(productId);
  }

  return {
    stateHandlers: {
      'product {productId} exists with price {amount} {currency}': async (params: unknown) => {
        const id = param(params, 'productId');
        const price = {
          amount: Number(param(params, 'amount')),
          currency: param(params, 'currency'),
        };
        if (await findProduct(deps.pool, id)) await removeProduct(id);
        const product = await createProduct(
          { ...deps, newId: () => id },
          {
            sku: skuFor(id),
            name: 'Blue ceramic mug',
            description: '350 ml, dishwasher safe.',
            price,
          },
        );
        seeded = { id: product.id, sku: product.sku, price: product.price };
        return undefined;
      },
      'product {productId} does not exist': async (params: unknown) => {
        absent = param(params, 'productId');
        await removeProduct(absent);
        return undefined;
      },
    },
    lastSeeded() {
      if (!seeded) throw new Error('no provider state seeded a product');
      return seeded;
    },
    lastAbsent() {
      if (!absent) throw new Error('no provider state cleared a product');
      return absent;
    },
  };
}
