/**
 * What cart needs from the catalog's REST API (provider `catalog`): looking a product up by id,
 * through the cart's real outbound module (src/outbound/catalog.http-client.ts, which drives the
 * generated catalog client), answered with its SKU, name, price, stock and updatedAt, or 404 for
 * a product that does not exist. Key principle: only the fields cart reads are in the pact, by
 * type; provider states are parameterised sentences the catalog seeds its database from.
 */
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { runWithLogContext } from '@bazaar/platform/telemetry/index';
import { pactFileOptions } from '../../../../tests/pact/pact-config';
import { createCatalogProducts } from '../../src/outbound/catalog.http-client';
import { ISO_INSTANT } from '../../../../tests/pact/envelope-matchers';

const { boolean, integer, like, regex, uuid } = MatchersV3;

const pact = new PactV4({ consumer: 'cart', provider: 'catalog', ...pactFileOptions });

const CORRELATION_ID = 'b5a1c0de-0000-4000-8000-00000000c0de';

function catalogAt(baseUrl: string) {
  return createCatalogProducts({
    baseUrl,
    // Generous: a loaded CI machine must not turn a slow mock server into a failed pact.
    timeoutMs: 30_000,
    deadlineMs: 60_000,
    // One call: the pact pins what one request looks like, and a 404 is never retried anyway.
    attempts: 1,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 1,
    breakerThreshold: 5,
    breakerHalfOpenAfterMs: 10_000,
    retryAfterSeconds: 1,
  });
}

describe('cart calling the catalog', () => {
  it('reads the SKU, name, price, stock and last change of an existing product', async () => {
    const productId = '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70';
    await pact
      .addInteraction()
      .given('product {productId} exists with price {amount} {currency}', {
        productId,
        amount: 1299,
        currency: 'USD',
      })
      .uponReceiving('a request for an existing product')
      .withRequest('GET', `/api/v1/products/${productId}`, (request) =>
        request.headers({
          Accept: 'application/json',
          'Correlation-Id': like(CORRELATION_ID),
        }),
      )
      // No Content-Type expectation: the generated client parses the body as JSON whatever it says.
      .willRespondWith(200, (response) =>
        response.jsonBody({
          id: uuid(productId),
          sku: regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, 'MUG-BLUE-01'),
          name: like('Blue ceramic mug'),
          price: { amount: integer(1299), currency: regex(/^[A-Z]{3}$/, 'USD') },
          inStock: boolean(true),
          updatedAt: regex(ISO_INSTANT, '2026-11-20T16:30:00.000Z'),
        }),
      )
      .executeTest(async (mockServer) => {
        const product = await runWithLogContext({ correlationId: CORRELATION_ID }, () =>
          catalogAt(mockServer.url).getProduct(productId),
        );
        expect(product).toEqual({
          productId,
          sku: 'MUG-BLUE-01',
          name: 'Blue ceramic mug',
          price: { amount: 1299, currency: 'USD' },
          inStock: true,
          asOf: new Date('2026-11-20T16:30:00.000Z'),
        });
      });
  });

  it('learns that a product the catalog does not know does not exist', async () => {
    const productId = '0e1d2c3b-4a59-4687-9a0b-c1d2e3f4a5b6';
    await pact
      .addInteraction()
      .given('product {productId} does not exist', { productId })
      .uponReceiving('a request for a product that does not exist')
      .withRequest('GET', `/api/v1/products/${productId}`, (request) =>
        request.headers({ Accept: 'application/json' }),
      )
      .willRespondWith(404)
      .executeTest(async (mockServer) => {
        await expect(catalogAt(mockServer.url).getProduct(productId)).resolves.toBeUndefined();
      });
  });
});
