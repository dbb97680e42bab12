/**
 * A shopper's journey through the gateway (real kong.yml, identity, catalog and cart as separate
 * processes on real PostgreSQL, RabbitMQ and Redis), driven with the generated clients as a
 * third-party developer would: register, log in, find a product, fill a cart; prices changed by
 * an admin reach the cart through events; the product cache serves repeated reads and is renewed
 * by the product events; a reused refresh token revokes its whole family.
 */
import { createCartClient } from '@bazaar/generated/http/cart/client';
import { createCatalogClient } from '@bazaar/generated/http/catalog/client';
import { createIdentityClient } from '@bazaar/generated/http/identity/client';
import { ProblemError, type ClientOptions } from '@bazaar/generated/http/runtime/client-runtime';
import { type E2ePlatform, eventually, startE2ePlatform } from './support/e2e-platform';

let e2e: E2ePlatform;
let adminToken: string;
let customerToken: string;
let productId: string;

function clients(token?: string) {
  const options: ClientOptions = {
    baseUrl: e2e.gatewayUrl,
    fetch: e2e.clientFetch,
    ...(token ? { token } : {}),
  };
  return {
    identity: createIdentityClient(options),
    catalog: createCatalogClient(options),
    cart: createCartClient(options),
  };
}

async function metric(service: string, name: string): Promise<number> {
  const text = await (await fetch(`${e2e.serviceUrl(service)}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

beforeAll(async () => {
  e2e = await startE2ePlatform('journey', ['identity', 'catalog', 'cart']);
  adminToken = (
    await clients().identity.login({
      body: { email: e2e.admin.email, password: e2e.admin.password },
    })
  ).accessToken;
  const product = await clients(adminToken).catalog.createProduct({
    body: {
      sku: 'MUG-E2E-01',
      name: 'Journey mug',
      description: 'A mug for end-to-end tests.',
      price: { amount: 1299, currency: 'USD' },
    },
  });
  productId = product.id;
  const customer = {
    email: 'ada@example.com',
    password: 'correct horse battery staple',
    displayName: 'Ada',
  };
  await clients().identity.register({ body: customer });
  customerToken = (
    await clients().identity.login({ body: { email: customer.email, password: customer.password } })
  ).accessToken;
}, 180_000);

afterAll(async () => {
  await e2e?.stop();
}, 60_000);

describe('a shopper through the gateway', () => {
  it('finds the product, adds it to the cart and sees the total', async () => {
    const shopper = clients(customerToken);
    const found = await eventually(async () => {
      const page = await shopper.catalog.listProducts({ params: { query: { q: 'journey mug' } } });
      return page.items.find((p) => p.id === productId);
    });
    expect(found).toMatchObject({ sku: 'MUG-E2E-01', price: { amount: 1299, currency: 'USD' } });
    const cart = await shopper.cart.addCartItem({ body: { productId, quantity: 2 } });
    expect(cart.items).toEqual([
      expect.objectContaining({
        productId,
        quantity: 2,
        unitPrice: { amount: 1299, currency: 'USD' },
      }),
    ]);
    expect(cart.total).toEqual({ amount: 2598, currency: 'USD' });
    expect(cart.itemCount).toBe(2);
  });

  it('shows a price the admin changed in the cart, through the price-changed event', async () => {
    await clients(adminToken).catalog.updateProduct({
      params: { path: { productId } },
      body: { price: { amount: 999, currency: 'USD' } },
    });
    const cart = await eventually(async () => {
      const current = await clients(customerToken).cart.getCart();
      return current.total?.amount === 1998 ? current : undefined;
    });
    expect(cart.items[0]?.unitPrice).toEqual({ amount: 999, currency: 'USD' });
  });

  it('serves a repeated product read from the cache and renews it when the product changes', async () => {
    const shopper = clients(customerToken);
    await shopper.catalog.getProduct({ params: { path: { productId } } });
    const hitsBefore = await metric('catalog', 'product_cache_hits_total');
    await shopper.catalog.getProduct({ params: { path: { productId } } });
    expect(await metric('catalog', 'product_cache_hits_total')).toBe(hitsBefore + 1);

    await clients(adminToken).catalog.updateProduct({
      params: { path: { productId } },
      body: { name: 'Renamed journey mug' },
    });
    const renamed = await eventually(async () => {
      const product = await shopper.catalog.getProduct({ params: { path: { productId } } });
      return product.name === 'Renamed journey mug' ? product : undefined;
    });
    expect(renamed.name).toBe('Renamed journey mug');
  });

  it('revokes the whole token family when a used refresh token comes back', async () => {
    const identity = clients().identity;
    const first = await identity.login({
      body: { email: 'ada@example.com', password: 'correct horse battery staple' },
    });
    const second = await identity.refreshTokens({ body: { refreshToken: first.refreshToken } });
    const reuse = await identity
      .refreshTokens({ body: { refreshToken: first.refreshToken } })
      .catch((e: unknown) => e);
    expect(reuse).toBeInstanceOf(ProblemError);
    expect((reuse as ProblemError).status).toBe(401);
    expect((reuse as ProblemError).code).toBe('IDENTITY_ERR_REFRESH_TOKEN_REUSED');
    const afterRevocation = await identity
      .refreshTokens({ body: { refreshToken: second.refreshToken } })
      .catch((e: unknown) => e);
    expect((afterRevocation as ProblemError).status).toBe(401);
  });
});
