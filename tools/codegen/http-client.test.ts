/**
 * The generated HTTP client against a local server: it sends the bearer token, JSON Accept,
 * Correlation-Id and traceparent, returns typed data for 2xx, and throws ProblemError otherwise.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCatalogClient } from '@bazaar/generated/http/catalog/client';
import { ProblemError } from '@bazaar/generated/http/runtime/client-runtime';

type Seen = { method?: string; url?: string; headers: IncomingMessage['headers']; body: string };

let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let respond: (req: IncomingMessage) => {
  status: number;
  type?: string;
  body?: unknown;
  delayMs?: number;
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const answer = respond(req);
      setTimeout(() => {
        res.writeHead(answer.status, answer.type ? { 'content-type': answer.type } : {});
        res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  seen = [];
  respond = () => ({ status: 200, type: 'application/json', body: { ok: true } });
});

describe('generated catalog client', () => {
  it('sends token, Accept, Correlation-Id and traceparent with each request', async () => {
    let n = 0;
    const client = createCatalogClient({
      baseUrl,
      token: () => `token-${++n}`,
      correlationId: 'corr-1',
      traceparent: () => '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    await client.getProduct({ params: { path: { productId: 'p1' } } });
    await client.getProduct({ params: { path: { productId: 'p2' } } });
    expect(seen.map((s) => s.url)).toEqual(['/api/v1/products/p1', '/api/v1/products/p2']);
    expect(seen.map((s) => s.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(seen[0]?.headers.accept).toBe('application/json');
    expect(seen[0]?.headers['correlation-id']).toBe('corr-1');
    expect(seen[0]?.headers.traceparent).toBe(
      '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    );
  });

  it('serialises query parameters and JSON bodies from typed inputs', async () => {
    const client = createCatalogClient({ baseUrl });
    await client.listProducts({ params: { query: { q: 'mug', sort: '-price', page: 2 } } });
    await client.createProduct({
      body: { sku: 'MUG-1', name: 'Mug', price: { amount: 100, currency: 'USD' } },
    });
    expect(seen[0]?.url).toBe('/api/v1/products?q=mug&sort=-price&page=2');
    expect(seen[1]?.method).toBe('POST');
    expect(JSON.parse(seen[1]?.body ?? '')).toEqual({
      sku: 'MUG-1',
      name: 'Mug',
      price: { amount: 100, currency: 'USD' },
    });
  });

  it('returns the parsed body of a 2xx answer', async () => {
    respond = () => ({ status: 200, type: 'application/json', body: { id: 'p1', sku: 'MUG-1' } });
    const product = await createCatalogClient({ baseUrl }).getProduct({
      params: { path: { productId: 'p1' } },
    });
    expect(product).toEqual({ id: 'p1', sku: 'MUG-1' });
  });

  it('throws a ProblemError carrying the problem and its code for a non-2xx answer', async () => {
    respond = () => ({
      status: 404,
      type: 'application/problem+json',
      body: {
        type: 'https://docs.bazaar.dev/problems/not-found',
        title: 'Resource not found',
        status: 404,
        code: 'NOT_FOUND',
      },
    });
    const error = await createCatalogClient({ baseUrl })
      .getProduct({ params: { path: { productId: 'nope' } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    const problemError = error as ProblemError<{ code?: string }>;
    expect(problemError.status).toBe(404);
    expect(problemError.code).toBe('NOT_FOUND');
    expect(problemError.message).toBe('HTTP 404 Resource not found');
  });

  it("reads the gateway's own error body too", async () => {
    respond = () => ({ status: 401, type: 'application/json', body: { message: 'Unauthorized' } });
    const error = (await createCatalogClient({ baseUrl })
      .deleteProduct({ params: { path: { productId: 'p1' } } })
      .catch((e: unknown) => e)) as ProblemError<{ message?: string }>;
    expect(error.status).toBe(401);
    expect(error.problem?.message).toBe('Unauthorized');
  });

  it('resolves 204 answers with no data', async () => {
    respond = () => ({ status: 204 });
    await expect(
      createCatalogClient({ baseUrl }).deleteProduct({ params: { path: { productId: 'p1' } } }),
    ).resolves.toBeUndefined();
  });

  it('gives up after the configured timeout', async () => {
    respond = () => ({ status: 200, type: 'application/json', body: {}, delayMs: 500 });
    const client = createCatalogClient({ baseUrl, timeoutMs: 50 });
    await expect(client.getProduct({ params: { path: { productId: 'slow' } } })).rejects.toThrow(
      /timeout|aborted/i,
    );
  });
});
