/**
 * What the order suites do through the gateway, as shoppers and an admin would: accounts made at
 * identity (real JWTs, each shopper calling from its own address, so the gateway's per-address
 * rate limits are theirs), products created at the catalog and stocked at inventory, orders
 * placed, paid and canceled with their answers kept whole (status, problem body, headers), and
 * the stock read back from inventory's REST API.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { createCatalogClient } from '@bazaar/generated/http/catalog/client';
import { createIdentityClient } from '@bazaar/generated/http/identity/client';
import type { components } from '@bazaar/generated/http/orders/types';
import { waitFor } from '@bazaar/platform/testing/index';
import type { E2eClient, E2ePlatform } from './e2e-platform';

export type Order = components['schemas']['Order'];
export type OrderSummary = components['schemas']['OrderSummary'];

/** One HTTP answer: its status, its JSON body (a problem for errors) and its headers. */
export interface Answer<Body = Record<string, unknown>> {
  status: number;
  body: Body;
  headers: Headers;
}

export interface StockLevel {
  onHand: number;
  reserved: number;
  available: number;
}

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Polling the orders API: at most one look a second, so a shopper's polling stays well under the
 * gateway's 120 requests a minute for orders whatever else it does meanwhile.
 */
export const ORDERS_POLL_MS = 1_000;

async function answerOf<Body>(response: Response): Promise<Answer<Body>> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { unparsed: text };
  }
  return { status: response.status, body: body as Body, headers: response.headers };
}

/** A caller of the API through the gateway with a bearer token, from one client address. */
export class ApiCaller {
  constructor(
    readonly client: E2eClient,
    readonly token: string,
  ) {}

  async call<Body = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; idempotencyKey?: string } = {},
  ): Promise<Answer<Body>> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}` };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    const response = await this.client.fetch(path, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      // The gateway gives orders 30 s (read_timeout); a charge can take most of it.
      signal: AbortSignal.timeout(45_000),
    });
    return answerOf<Body>(response);
  }

  placeOrder(items: { productId: string; quantity: number }[], idempotencyKey = randomUUID()) {
    return this.call<Order & Record<string, unknown>>('POST', '/api/v1/orders', {
      body: { items },
      idempotencyKey,
    });
  }

  payOrder(orderId: string, cardToken: string, idempotencyKey = randomUUID()) {
    return this.call<Order & Record<string, unknown>>('POST', `/api/v1/orders/${orderId}/pay`, {
      body: { paymentMethod: { type: 'card', token: cardToken } },
      idempotencyKey,
    });
  }

  getOrder(orderId: string) {
    return this.call<Order & Record<string, unknown>>('GET', `/api/v1/orders/${orderId}`);
  }

  cancelOrder(orderId: string, reason?: string) {
    return this.call<Order & Record<string, unknown>>('POST', `/api/v1/orders/${orderId}/cancel`, {
      body: reason ? { reason } : {},
    });
  }

  fulfillOrder(orderId: string) {
    return this.call<Order & Record<string, unknown>>('POST', `/api/v1/orders/${orderId}/fulfill`);
  }

  /** Every order of the caller in the read model (listMyOrders), all pages. */
  async listMyOrders(): Promise<OrderSummary[]> {
    const all: OrderSummary[] = [];
    for (let page = 1; ; page++) {
      const answer = await this.call<{
        items: OrderSummary[];
        page: { totalPages: number };
      }>('GET', `/api/v1/orders?page=${page}&pageSize=100`);
      if (answer.status !== 200)
        throw new Error(`listMyOrders answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      all.push(...answer.body.items);
      if (page >= answer.body.page.totalPages) return all;
    }
  }

  /** Polls getOrder until `accept` holds for the order (generous: sagas run asynchronously). */
  async orderWhen(
    orderId: string,
    accept: (order: Order) => boolean,
    description: string,
    timeoutMs = 60_000,
  ): Promise<Order> {
    return waitFor(
      async () => {
        const answer = await this.getOrder(orderId);
        if (answer.status !== 200)
          throw new Error(`getOrder answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        return accept(answer.body) ? answer.body : undefined;
      },
      { timeoutMs, intervalMs: ORDERS_POLL_MS, description: `order ${orderId} ${description}` },
    );
  }
}

export interface Account extends ApiCaller {
  id: string;
  email: string;
}

const PASSWORD = 'correct horse battery staple';

async function signIn(
  e2e: E2ePlatform,
  client: E2eClient,
  email: string,
  password: string,
): Promise<Account> {
  const identity = createIdentityClient({ baseUrl: e2e.gatewayUrl, fetch: client.clientFetch });
  const { accessToken } = await identity.login({ body: { email, password } });
  const me = await createIdentityClient({
    baseUrl: e2e.gatewayUrl,
    fetch: client.clientFetch,
    token: accessToken,
  }).getMe();
  return Object.assign(new ApiCaller(client, accessToken), { id: me.id, email });
}

/** Registers a new customer at identity and signs them in, from an address of their own. */
export async function signUp(e2e: E2ePlatform, name: string): Promise<Account> {
  const client = e2e.newClient();
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com`;
  const identity = createIdentityClient({ baseUrl: e2e.gatewayUrl, fetch: client.clientFetch });
  await identity.register({ body: { email, password: PASSWORD, displayName: name } });
  return signIn(e2e, client, email, PASSWORD);
}

/** The suite's bootstrap admin, signed in from an address of its own. */
export function signInAdmin(e2e: E2ePlatform): Promise<Account> {
  return signIn(e2e, e2e.newClient(), e2e.admin.email, e2e.admin.password);
}

/**
 * A product the catalog sells at `price` (USD minor units) with `stock` units on hand at
 * inventory, which learns of the product from the catalog's product.created event.
 */
export async function stockedProduct(
  e2e: E2ePlatform,
  admin: Account,
  options: { name: string; price: number; stock: number },
): Promise<string> {
  const catalog = createCatalogClient({
    baseUrl: e2e.gatewayUrl,
    fetch: admin.client.clientFetch,
    token: admin.token,
  });
  const sku = `E2E-${randomUUID().slice(0, 8).toUpperCase()}`;
  const product = await catalog.createProduct({
    body: { sku, name: options.name, price: { amount: options.price, currency: 'USD' } },
  });
  await waitFor(async () => (await stockLevelOrNull(e2e, product.id)) !== null, {
    timeoutMs: 30_000,
    intervalMs: 200,
    description: `inventory to know product ${product.id}`,
  });
  if (options.stock > 0) {
    const adjusted = await admin.call('POST', `/api/v1/inventory/${product.id}/adjustments`, {
      body: { delta: options.stock, reason: 'RESTOCK' },
    });
    if (adjusted.status !== 201)
      throw new Error(`inventory refused the stock: ${JSON.stringify(adjusted.body)}`);
  }
  return product.id;
}

async function stockLevelOrNull(e2e: E2ePlatform, productId: string): Promise<StockLevel | null> {
  const response = await e2e.fetch(`/api/v1/inventory/${productId}`);
  if (response.status === 404) return null;
  if (response.status !== 200)
    throw new Error(`getStockLevel answered ${response.status}: ${await response.text()}`);
  const { onHand, reserved, available } = (await response.json()) as StockLevel;
  return { onHand, reserved, available };
}

/** The product's stock at inventory (getStockLevel through the gateway). */
export async function stockLevel(e2e: E2ePlatform, productId: string): Promise<StockLevel> {
  const level = await stockLevelOrNull(e2e, productId);
  if (!level) throw new Error(`inventory does not track ${productId}`);
  return level;
}

/** Waits until the product's stock is `expected` (releases and commits are asynchronous). */
export async function stockBecomes(
  e2e: E2ePlatform,
  productId: string,
  expected: StockLevel,
  timeoutMs = 60_000,
): Promise<StockLevel> {
  return waitFor(
    async () => {
      const level = await stockLevel(e2e, productId);
      return JSON.stringify(level) === JSON.stringify(expected) ? level : undefined;
    },
    {
      timeoutMs,
      intervalMs: 250,
      description: `stock of ${productId} = ${JSON.stringify(expected)}`,
    },
  );
}

export interface ReplayReport {
  orders: number;
  events: number;
  table: string;
  live: { rows: number; checksum: string };
  replayed: { rows: number; checksum: string };
  parity: boolean;
  differing: string[];
}

/**
 * Runs orders' replay command (services/orders/src/cli/replay-read-model.ts) against the suite's
 * orders database: it rebuilds orders_by_customer from the event store and compares.
 */
export async function replayReadModel(
  e2e: E2ePlatform,
  settleMs = 20_000,
): Promise<{ exitCode: number; report: ReplayReport }> {
  const databaseUrl = e2e.platform.databaseUrlOf('orders');
  if (!databaseUrl) throw new Error('orders has no database in this suite');
  const cli = path.join(ROOT, 'services/orders/src/cli/replay-read-model.ts');
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', cli, '--json', '--settle-ms', String(settleMs)],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ORDERS_DATABASE_URL: databaseUrl },
        timeout: settleMs + 120_000,
      },
    );
    return { exitCode: 0, report: JSON.parse(stdout) as ReplayReport };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string };
    if (typeof failed.code !== 'number' || !failed.stdout) throw error;
    return { exitCode: failed.code, report: JSON.parse(failed.stdout) as ReplayReport };
  }
}
