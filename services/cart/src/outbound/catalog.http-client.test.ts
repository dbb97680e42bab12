import { ProblemError } from '@bazaar/generated/http/runtime/client-runtime';
import {
  CatalogUnavailableError,
  createCatalogProducts,
  type CatalogClientSettings,
} from './catalog.http-client';

const PRODUCT_ID = '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70';
const PRODUCT = {
  id: PRODUCT_ID,
  sku: 'MUG-BLUE-01',
  name: 'Blue ceramic mug',
  description: '',
  categoryId: null,
  price: { amount: 1299, currency: 'USD' },
  inStock: true,
  salesCount: 0,
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-20T16:30:00.000Z',
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** A catalog answering with `answers` in turn (the last one repeats); counts the calls. */
function catalogAnswering(...answers: (() => Response)[]) {
  const calls: string[] = [];
  const fetch = async (request: Request) => {
    calls.push(new URL(request.url).pathname);
    const answer = answers[Math.min(calls.length, answers.length) - 1]!;
    return answer();
  };
  const settings: CatalogClientSettings = {
    baseUrl: 'http://catalog.test',
    timeoutMs: 1_000,
    deadlineMs: 5_000,
    attempts: 3,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 2,
    breakerThreshold: 5,
    breakerHalfOpenAfterMs: 60_000,
    retryAfterSeconds: 4,
    fetch,
  };
  return { catalog: createCatalogProducts(settings), calls };
}

const unavailable = () => json(503, { message: 'upstream unavailable' });

describe('the catalog client', () => {
  it('maps the product to what the cart records, stamped with its updatedAt', async () => {
    const { catalog, calls } = catalogAnswering(() => json(200, PRODUCT));
    await expect(catalog.getProduct(PRODUCT_ID)).resolves.toEqual({
      productId: PRODUCT_ID,
      sku: 'MUG-BLUE-01',
      name: 'Blue ceramic mug',
      price: { amount: 1299, currency: 'USD' },
      inStock: true,
      asOf: new Date('2026-11-20T16:30:00.000Z'),
    });
    expect(calls).toEqual([`/api/v1/products/${PRODUCT_ID}`]);
  });

  it('retries a catalog that answers 503 and returns the product once it recovers', async () => {
    const { catalog, calls } = catalogAnswering(unavailable, () => json(200, PRODUCT));
    await expect(catalog.getProduct(PRODUCT_ID)).resolves.toMatchObject({ sku: 'MUG-BLUE-01' });
    expect(calls).toHaveLength(2);
  });

  it('reports the catalog unavailable with the configured Retry-After once the attempts run out', async () => {
    const { catalog, calls } = catalogAnswering(unavailable);
    const error = await catalog.getProduct(PRODUCT_ID).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CatalogUnavailableError);
    expect((error as CatalogUnavailableError).retryAfterSeconds).toBe(4);
    expect(calls).toHaveLength(3);
  });

  it('takes a 404 as an unknown product, asked once, without counting it against the circuit', async () => {
    const { catalog, calls } = catalogAnswering(() => json(404, { code: 'NOT_FOUND' }));
    for (let n = 0; n < 6; n++)
      await expect(catalog.getProduct(PRODUCT_ID)).resolves.toBeUndefined();
    expect(calls).toHaveLength(6);
    expect(catalog.breaker.state).toBe('closed');
  });

  it('does not retry an answer that says the request itself was wrong', async () => {
    const { catalog, calls } = catalogAnswering(() => json(400, { code: 'VALIDATION_FAILED' }));
    await expect(catalog.getProduct(PRODUCT_ID)).rejects.toBeInstanceOf(ProblemError);
    expect(calls).toHaveLength(1);
  });
});
